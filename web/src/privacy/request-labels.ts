import { privacyRequestKinds, refusalReasons, type PrivacyRequestKind, type RefusalReason } from '../../../common/privacy-requests.ts';
import type { I18n } from '../i18n/context';

/** A kind or reason a newer server may send that this client has no words for: shown as sent. */
export function requestKindLabel(kind: string, t: I18n['t']): string {
  return (privacyRequestKinds as readonly string[]).includes(kind) ? t(`requestKind.${kind as PrivacyRequestKind}`) : kind;
}

export function refusalReasonLabel(reason: string, t: I18n['t']): string {
  return (refusalReasons as readonly string[]).includes(reason) ? t(`refusalReason.${reason as RefusalReason}`) : reason;
}
