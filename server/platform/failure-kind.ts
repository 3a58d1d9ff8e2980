import { constants } from 'node:os';
import { errorCatalog } from '../errors.ts';

/**
 * Failures a job handler raises on purpose, by kind: `Object.assign(new Error(…), { code })` with
 * one of these. Listed here so the job log stays a closed set.
 */
export const jobFailureKinds = ['no_handler', 'place_deletion_stalled', 'place_not_removed'] as const;

const builtInNames = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError', 'AbortError', 'TimeoutError', 'KeyDestroyedError']);
const systemCodes = new Set(Object.keys(constants.errno));
const knownCodes = new Set<string>([...Object.keys(errorCatalog), ...jobFailureKinds]);

/**
 * What a failed job keeps of its error (`job.last_error`) and logs: a kind from a closed set, never
 * the message or a code a library made up, which may quote the data it worked on (an address that
 * bounced, a row's values). Catalogue codes, the listed job failures, Node's system error codes,
 * SQLSTATEs and SQLite result codes, and the built-in error names; anything else is `unknown`.
 */
export function failureKind(error: unknown): string {
  const { code, name } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string') {
    if (knownCodes.has(code) || systemCodes.has(code)) return code;
    if (/^[0-9A-Z]{5}$/.test(code)) return `sqlstate_${code}`;
    if (/^SQLITE_[A-Z_]{2,40}$/.test(code)) return code;
  }
  if (typeof name === 'string' && builtInNames.has(name)) return name;
  return 'unknown';
}
