export type Channel = 'email' | 'sms';

export interface OutgoingMessage {
  channel: Channel;
  to: string;
  subject: string;
  text: string;
  /** the one-time code, when the message carries one (the development outbox shows it apart) */
  code?: string;
}

/** Something that can carry a message to a person. */
export interface Courier {
  deliver(message: OutgoingMessage): Promise<void>;
}
