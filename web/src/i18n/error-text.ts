import { ApiError, networkErrorCode } from '../api/api-error';
import type { I18n } from './context';
import type { MessageKey } from './messages.zh-CN';

/** Codes whose meaning the person needs in their own language; other codes show the server's message. */
const localisedCodes = new Set<string>([
  'invalid_identifier',
  'rate_limited',
  'resend_too_soon',
  'otp_invalid',
  'otp_expired',
  'otp_exhausted',
  'not_signed_in',
  'product_not_found',
  'avatar_invalid',
  'payload_too_large',
  networkErrorCode,
]);

export function errorText(error: unknown, t: I18n['t']): string {
  if (error instanceof ApiError) {
    if (localisedCodes.has(error.code)) {
      return t(`errors.${error.code}` as MessageKey, { seconds: error.retryAfterSeconds ?? 60 });
    }
    return error.message || t('errors.unknown');
  }
  return t('errors.unknown');
}
