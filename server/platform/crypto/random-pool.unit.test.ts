import { describe, expect, it } from 'vitest';
import { randomPooled } from './random-pool.ts';

describe('randomPooled', () => {
  it('hands out fresh bytes of the asked size, across refills of the pool', () => {
    const seen = new Set<string>();
    // 16-byte draws over several refills of the 8 KiB pool: no repeat, none all zero
    for (let i = 0; i < 3_000; i++) {
      const bytes = randomPooled(16);
      expect(bytes.length).toBe(16);
      expect(bytes.equals(Buffer.alloc(16))).toBe(false);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(3_000);
  });

  it('gives a large draw its own bytes', () => {
    const big = randomPooled(4_096);
    expect(big.length).toBe(4_096);
    expect(new Set(big).size).toBeGreaterThan(200);
  });

  it('does not change bytes already handed out when the pool refills', () => {
    const first = randomPooled(12);
    const copy = Buffer.from(first);
    for (let i = 0; i < 2_000; i++) randomPooled(12);
    expect(first.equals(copy)).toBe(true);
  });
});
