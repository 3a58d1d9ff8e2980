import { describe, expect, it } from 'vitest';
import { backoffDelay, realtimeUrl } from './realtime-client';

describe('the realtime connection', () => {
  it('uses wss on an https page and ws otherwise, on the page’s own host', () => {
    expect(realtimeUrl({ protocol: 'https:', host: 'chat.example.com' })).toBe('wss://chat.example.com/api/realtime');
    expect(realtimeUrl({ protocol: 'http:', host: '127.0.0.1:3000' })).toBe('ws://127.0.0.1:3000/api/realtime');
  });

  it('waits twice as long after each failure, up to a ceiling, with jitter in the upper half', () => {
    const lowest = (attempt: number) => backoffDelay(attempt, 500, 30_000, () => 0);
    const highest = (attempt: number) => backoffDelay(attempt, 500, 30_000, () => 1);
    expect([0, 1, 2, 3].map(highest)).toEqual([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map(lowest)).toEqual([250, 500, 1000, 2000]);
    expect(highest(10)).toBe(30_000);
    expect(highest(1_000)).toBe(30_000);
  });
});
