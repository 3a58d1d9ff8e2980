import { AppError } from '../server/errors.ts';

/**
 * Calls sent at once, counted by outcome: a fulfilled call by the name `nameOf` gives it ('ok'
 * unless told), a refused one by its catalogue code. Anything else, a crash that would answer
 * 500, is thrown, so a limit test never counts a failure as a refusal.
 */
export function tallyOutcomes<T>(results: PromiseSettledResult<T>[], nameOf: (value: T) => string = () => 'ok'): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    if (result.status === 'rejected' && !(result.reason instanceof AppError)) throw result.reason;
    const key = result.status === 'fulfilled' ? nameOf(result.value) : (result.reason as AppError).code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
