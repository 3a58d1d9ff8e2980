import { DAY } from '../../platform/clock.ts';
import { AppError } from '../../errors.ts';
import type { RateCounters } from '../security/rate-limits.ts';

/** Address-book matches a member may ask for in a day: a sync on every start of the app, not a search engine. */
export const MATCH_REQUESTS_PER_DAY = 30;

/**
 * Wrong guesses at one masked work phone ("+86138****5678") a member who may not reveal full
 * values gets answered in a day (decision 0013). A real address book holds the right number and,
 * very rarely, one other that happens to share the mask; filling the mask takes up to 10,000.
 */
export const GUESSES_PER_MASK_PER_DAY = 2;

const UNCOUNTED = Number.MAX_SAFE_INTEGER;

/**
 * The daily budgets of address-book matching, kept in the shared rate counters (keyed hashes of
 * the member and the colleague's masked value: never a number from the address book).
 *
 * A guess is answered only if, counted atomically before it is compared, the guesses at that mask
 * so far today minus those that confirmed a colleague stay within the budget. Confirmations are
 * recorded after the comparison, so however requests interleave, at most the budget of wrong
 * guesses is ever answered, while a person's real contacts confirm again on every sync.
 */
export class ContactGuesses {
  constructor(private readonly counters: RateCounters) {}

  async countRequest(memberId: string): Promise<void> {
    const verdict = await this.counters.hit(this.counters.bucket('contact-match-member', memberId), DAY, MATCH_REQUESTS_PER_DAY);
    if (!verdict.allowed) throw new AppError('rate_limited', { retryAfterSeconds: verdict.retryAfterSeconds });
  }

  /** Takes one guess at a masked value from today's budget; false when it must stay unanswered. */
  async take(memberId: string, masked: string, budget: number): Promise<boolean> {
    if (budget <= 0) return false;
    const key = `${memberId}:${masked}`;
    const taken = await this.counters.hit(this.counters.bucket('contact-guess', key), DAY, UNCOUNTED);
    const confirmed = await this.counters.peek(this.counters.bucket('contact-guess-confirmed', key), DAY, UNCOUNTED);
    return taken.count - confirmed.count <= budget;
  }

  /** A guess taken confirmed a colleague: it gives its place in the budget back. */
  async confirmed(memberId: string, masked: string): Promise<void> {
    await this.counters.hit(this.counters.bucket('contact-guess-confirmed', `${memberId}:${masked}`), DAY, UNCOUNTED);
  }

  /** True once a day per mask, the first time a guess at it is refused: that refusal is audited. */
  async firstRefusal(memberId: string, masked: string): Promise<boolean> {
    return (await this.counters.hit(this.counters.bucket('contact-guess-refused', `${memberId}:${masked}`), DAY, 1)).count === 1;
  }
}
