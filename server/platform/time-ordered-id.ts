import { randomPooled } from './crypto/random-pool.ts';

let lastMs = -1;
let counter = 0;

/**
 * A UUID version 7: the first 48 bits are the time in milliseconds and the next 12 a counter
 * within that millisecond, so ids sort in the order they were made, even several per
 * millisecond (an audit log written in bulk stays in order).
 */
export function timeOrderedId(nowMs: number): string {
  if (nowMs === lastMs) counter = (counter + 1) & 0xfff;
  else {
    lastMs = nowMs;
    counter = 0;
  }
  const bytes = randomPooled(16);
  bytes.writeUIntBE(Math.max(0, Math.floor(nowMs)) % 2 ** 48, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
