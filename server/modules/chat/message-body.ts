import { KeyDestroyedError, type Envelope } from '../../platform/crypto/envelope.ts';

/** What a message says: its text and whom it mentions. Sealed as one value. */
export interface MessageBody {
  text: string;
  mentions: string[];
}

export const MAX_MESSAGE_CHARACTERS = 10_000;

const context = (messageId: string) => `message.body_enc:${messageId}`;

export function sealBody(envelope: Envelope, keyId: string, messageId: string, body: MessageBody): Promise<Buffer> {
  return envelope.seal(keyId, JSON.stringify({ t: body.text, m: body.mentions }), context(messageId));
}

/** The body, or null when it was recalled or its sender erased (their key is gone). */
export async function openBody(envelope: Envelope, messageId: string, sealed: Buffer | null): Promise<MessageBody | null> {
  if (!sealed) return null;
  try {
    const parsed = JSON.parse(await envelope.openText(sealed, context(messageId))) as { t: string; m?: string[] };
    return { text: parsed.t, mentions: parsed.m ?? [] };
  } catch (error) {
    if (error instanceof KeyDestroyedError) return null;
    throw error;
  }
}
