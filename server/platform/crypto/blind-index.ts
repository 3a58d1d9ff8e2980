import { hmacHex } from './derived-keys.ts';

/**
 * A keyed blind index: lookups by email or phone compare HMACs, so the database never holds the
 * plaintext and an attacker holding only the database cannot test guesses without the key.
 */
export type BlindIndexKind = 'email' | 'phone' | 'device';

export class BlindIndex {
  constructor(private readonly key: Buffer) {}

  of(kind: BlindIndexKind, normalisedValue: string): string {
    return hmacHex(this.key, kind, normalisedValue);
  }
}
