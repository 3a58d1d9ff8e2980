import nodemailer, { type Transporter } from 'nodemailer';
import type { Courier, OutgoingMessage } from './message.ts';

export class SmtpMailer implements Courier {
  private readonly transport: Transporter;

  constructor(smtpUrl: string, private readonly from: string) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async deliver(message: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }
}
