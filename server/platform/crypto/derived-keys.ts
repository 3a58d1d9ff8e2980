import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Purpose-bound keys derived from the KEK with HKDF, so one secret serves several uses without
 * one use's output ever being valid for another.
 */
export class DerivedKeys {
  /** epoch 0 of the blind index: only for rows indexed before epoch keys (blind-index.ts), and for rate counters */
  readonly blindIndex: Buffer;
  readonly otp: Buffer;
  readonly csrf: Buffer;
  readonly pseudonym: Buffer;
  /** seals realtime events on their way between servers through Redis */
  readonly realtimeBus: Buffer;
  /** the 32-byte seed of the Ed25519 key that signs deletion receipts */
  readonly receiptSigningSeed: Buffer;

  constructor(kek: Buffer) {
    const derive = (label: string) => Buffer.from(hkdfSync('sha256', kek, Buffer.alloc(0), `lockstep:${label}:v1`, 32));
    this.blindIndex = derive('blind-index');
    this.otp = derive('one-time-code');
    this.csrf = derive('csrf');
    this.pseudonym = derive('pseudonym');
    this.realtimeBus = derive('realtime-bus');
    this.receiptSigningSeed = derive('receipt-signing');
  }
}

export function hmacHex(key: Buffer, ...parts: string[]): string {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part).update('\x1f');
  return mac.digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
