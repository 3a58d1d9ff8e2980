/**
 * The one catalogue of error codes. Every error that leaves the server is one of these:
 * a stable machine code, an HTTP status and a message a person can act on.
 */
export const errorCatalog = {
  invalid_request: { status: 400, message: 'The request is not valid.' },
  unknown_field: { status: 400, message: 'The request has a field this endpoint does not accept.' },
  invalid_identifier: { status: 400, message: 'Enter a valid email address or a mobile number in international format, like +8613812345678.' },
  otp_invalid: { status: 400, message: 'That code is not right. Check the latest code we sent and try again.' },
  otp_used: { status: 400, message: 'That code was already used, or a newer code replaced it. Ask for a new one.' },
  otp_expired: { status: 400, message: 'That code has expired. Ask for a new one.' },
  otp_exhausted: { status: 400, message: 'Too many wrong guesses for this code. Ask for a new one.' },
  name_required: { status: 422, message: 'No account uses this address yet. Enter your name to create one.' },
  guardian_required: { status: 422, message: 'Children under 14 need a parent or guardian’s consent: enter their email address or mobile number.' },
  birth_date_required: { status: 422, message: 'Enter your date of birth: everyone who signs up is asked, so that children under 14 sign up with a parent or guardian’s consent.' },
  birth_date_invalid: { status: 400, message: 'That date of birth does not exist. Give the year, month and day (YYYY-MM-DD), from 1900 on.' },
  birth_date_in_future: { status: 400, message: 'A date of birth cannot lie in the future. Check the year.' },
  policy_acceptance_required: { status: 422, message: 'To create an account, read the privacy policy in force and accept it (tick the box under it).' },
  policy_version_outdated: { status: 409, message: 'The privacy policy changed while the page was open: read the version now in force and accept that one.' },
  guardian_is_child: { status: 422, message: 'The guardian’s address must be their own, not the child’s: enter a parent or guardian’s email address or mobile number.' },
  guardian_request_not_found: { status: 404, message: 'No consent request is waiting for this sign-up here: it was answered or has expired. Sign in again with your code to see where it stands.' },
  guardian_consent_not_found: { status: 404, message: 'There is no such consent request, or it has already been answered.' },
  child_not_found: { status: 404, message: 'There is no such child in your care.' },
  avatar_invalid: { status: 415, message: 'The avatar must be a PNG, JPEG or WebP image.' },
  not_signed_in: { status: 401, message: 'Sign in to continue.' },
  csrf_failed: { status: 403, message: 'This request did not come from the Lockstep page. Reload the page and try again.' },
  consent_required: { status: 403, message: 'This needs a permission you have not granted. Grant it in the privacy centre for this function, or go on without it.' },
  forbidden: { status: 403, message: 'You are not allowed to do that.' },
  account_disabled: { status: 403, message: 'This account is disabled. Contact your administrator.' },
  not_found: { status: 404, message: 'Nothing was found at this address.' },
  product_not_found: { status: 404, message: 'There is no such product.' },
  session_not_found: { status: 404, message: 'There is no such session.' },
  notice_not_found: { status: 404, message: 'There is no such notice.' },
  org_not_found: { status: 404, message: 'There is no such organisation, or you are not a member of it.' },
  member_not_found: { status: 404, message: 'There is no such member in this organisation.' },
  invitation_not_found: { status: 404, message: 'There is no such invitation for you.' },
  department_not_found: { status: 404, message: 'There is no such department in this organisation.' },
  correction_not_found: { status: 404, message: 'There is no such correction request.' },
  policy_label_taken: { status: 409, message: 'A version with that label is already published; choose a new label.' },
  policy_version_not_found: { status: 404, message: 'There is no such version of the privacy policy.' },
  policy_text_required: { status: 400, message: 'Both texts are needed: the Chinese text, which prevails, and its English translation, each with a summary of what changed.' },
  policy_effective_date_invalid: { status: 400, message: 'The effective date is not a real day: give it as YYYY-MM-DD.' },
  policy_effective_in_past: { status: 422, message: 'The effective date is in the past: choose today or a later day (UTC). A version cannot come into force retroactively.' },
  policy_unchanged: { status: 422, message: 'Neither text differs from the version in force: there is nothing to publish.' },
  request_not_found: { status: 404, message: 'There is no such request.' },
  request_answer_required: { status: 422, message: 'This request cannot be carried out by the system: write the answer the person will read.' },
  request_no_employer: { status: 409, message: 'This person is not an active member of any organisation: there is no employer to route the correction to. Answer the request in writing instead.' },
  import_not_found: { status: 404, message: 'There is no such import.' },
  export_not_found: { status: 404, message: 'There is no such download. A download is deleted when its link expires: ask for a new one.' },
  export_not_ready: { status: 409, message: 'This download is still being prepared. Wait until it is ready.' },
  export_expired: { status: 410, message: 'This download link has expired and its file is being deleted. Ask for a new download.' },
  already_member: { status: 409, message: 'This person is already a member of the organisation.' },
  already_invited: { status: 409, message: 'This person already has an open invitation to the organisation.' },
  already_decided: { status: 409, message: 'This request has already been decided.' },
  department_not_empty: { status: 409, message: 'Only an empty department can be deleted: move its members and sub-departments first.' },
  attestation_required: { status: 422, message: 'Confirm that your organisation informed the people you invite and obtained their consent.' },
  supervisor_cycle: { status: 422, message: 'That superior would make a loop: someone cannot report, even indirectly, to themself.' },
  department_cycle: { status: 422, message: 'A department cannot be moved under itself or one of its own sub-departments.' },
  contact_required: { status: 400, message: 'Give a corporate email or a work phone number to invite someone.' },
  csv_invalid: { status: 400, message: 'The file is not a CSV this import can read.' },
  conversation_not_found: { status: 404, message: 'There is no such chat, or you are not in it.' },
  message_not_found: { status: 404, message: 'There is no such message in this chat.' },
  message_too_long: { status: 413, message: 'The message is too long: at most 10,000 characters.' },
  message_empty: { status: 400, message: 'Write something before sending.' },
  message_recalled: { status: 409, message: 'This message was recalled and can no longer be changed.' },
  not_message_sender: { status: 403, message: 'Only the sender can edit this message.' },
  group_too_large: { status: 422, message: 'A group can have at most 5,000 members.' },
  group_name_required: { status: 400, message: 'Give the group a name.' },
  not_a_group: { status: 400, message: 'This is a direct chat: it has no name or members to change.' },
  contact_not_found: { status: 404, message: 'That person is not one of your contacts.' },
  contact_request_not_found: { status: 404, message: 'There is no such contact request: it was already answered, withdrawn or has expired.' },
  contacts_not_for_children: { status: 403, message: 'Adding contacts is not available to people under 14: it keeps children out of reach of strangers. Chats in organisations you are invited to work as usual.' },
  own_identifier: { status: 400, message: 'That is your own number or address. Enter the number or address of the person you want to add.' },
  conversation_closed: { status: 409, message: 'You are no longer contacts, so this chat takes no new messages. Add each other again to write here.' },
  chat_with_self: { status: 400, message: 'Choose a colleague to chat with, not yourself.' },
  sequence_ahead: { status: 400, message: 'That position is beyond the last message of this chat. Start again from the last position you saw.' },
  invalid_frame: { status: 400, message: 'That realtime frame is not valid JSON of a known type; see the realtime protocol.' },
  attachment_not_found: { status: 404, message: 'There is no such file in this chat.' },
  attachment_too_large: { status: 413, message: 'The file is too large: at most 25 MB.' },
  attachment_type_mismatch: { status: 415, message: 'The file’s content does not match its type; pictures must be PNG, JPEG, GIF or WebP.' },
  method_not_allowed: { status: 405, message: 'This address does not accept that method.' },
  payload_too_large: { status: 413, message: 'The request is too large.' },
  unsupported_media_type: { status: 415, message: 'This content type is not accepted here.' },
  rate_limited: { status: 429, message: 'Too many attempts. Wait a while and try again.' },
  resend_too_soon: { status: 429, message: 'A code was sent a moment ago. Wait before asking for another.' },
  delivery_failed: { status: 503, message: 'We could not send the code just now. Try again in a minute.' },
  internal_error: { status: 500, message: 'Something went wrong on our side. It has been logged; please try again.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly extra: Record<string, unknown> = {},
    message?: string,
  ) {
    super(message ?? errorCatalog[code].message);
    this.status = errorCatalog[code].status;
  }
}

export const fail = (code: ErrorCode, extra?: Record<string, unknown>, message?: string): never => {
  throw new AppError(code, extra, message);
};

export function errorBody(code: ErrorCode, message?: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message: message ?? errorCatalog[code].message, ...extra } };
}
