import { ApiError, networkErrorCode } from '../api/api-error';
import type { I18n } from './context';
import type { MessageKey } from './messages.zh-CN';

/**
 * Codes whose meaning the person needs in their own language; other codes show the server's message
 * (e.g. csv_invalid, invalid_request and forbidden, whose message the server words for the case).
 */
const localisedCodes = new Set<string>([
  'invalid_identifier',
  'rate_limited',
  'resend_too_soon',
  'otp_invalid',
  'otp_expired',
  'otp_exhausted',
  'otp_used',
  'delivery_failed',
  'account_disabled',
  'policy_version_not_found',
  'not_signed_in',
  'product_not_found',
  'avatar_invalid',
  'payload_too_large',
  'org_not_found',
  'member_not_found',
  'invitation_not_found',
  'department_not_found',
  'correction_not_found',
  'import_not_found',
  'already_member',
  'already_invited',
  'already_decided',
  'department_not_empty',
  'attestation_required',
  'supervisor_cycle',
  'department_cycle',
  'contact_required',
  'guardian_consent_not_found',
  'guardian_is_child',
  'guardian_request_not_found',
  'birth_date_required',
  'policy_acceptance_required',
  'policy_version_outdated',
  'birth_date_invalid',
  'birth_date_in_future',
  'policy_text_required',
  'policy_effective_date_invalid',
  'policy_effective_in_past',
  'policy_unchanged',
  'policy_label_taken',
  'child_not_found',
  'request_not_found',
  'conversation_not_found',
  'message_not_found',
  'message_too_long',
  'message_empty',
  'message_recalled',
  'not_message_sender',
  'group_too_large',
  'group_name_required',
  'not_a_group',
  'chat_with_self',
  'attachment_not_found',
  'attachment_too_large',
  'attachment_type_mismatch',
  'own_identifier',
  'contacts_not_for_children',
  'contact_request_not_found',
  'contact_not_found',
  'conversation_closed',
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
