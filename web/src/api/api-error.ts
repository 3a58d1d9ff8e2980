/** A failed API call, carrying the server's `{ error: { code, message, ... } }` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** every extra field of the error object, e.g. attemptsLeft */
  readonly details: Record<string, unknown>;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}, retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** status 0: the request never got an HTTP answer */
export const networkErrorCode = 'network';

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
