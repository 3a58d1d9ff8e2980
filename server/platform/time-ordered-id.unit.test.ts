import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id.ts';

describe('timeOrderedId', () => {
  it('sorts in creation order, within one millisecond too, and is a valid UUID v7', () => {
    const ids = [timeOrderedId(1000), timeOrderedId(1000), timeOrderedId(1000), timeOrderedId(1001), timeOrderedId(2_000_000_000_000)];
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
