import type { Courier, OutgoingMessage } from './message.ts';

/**
 * SMS goes through the operator's gateway: SMS_PROVIDER=webhook:https://gateway.example/send
 * receives a POST of {"to": "+86…", "text": "…"} and answers 2xx when it accepted the message.
 * Vendor SDKs plug in here behind the same Courier interface.
 */
export class SmsWebhookGateway implements Courier {
  constructor(private readonly endpoint: URL) {}

  async deliver(message: OutgoingMessage): Promise<void> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: message.to, text: message.text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  }
}

export function smsGatewayFrom(provider: string): Courier {
  const match = /^webhook:(https?:\/\/.+)$/.exec(provider);
  if (!match?.[1]) throw new Error(`SMS_PROVIDER must look like webhook:https://host/path, got "${provider}"`);
  return new SmsWebhookGateway(new URL(match[1]));
}
