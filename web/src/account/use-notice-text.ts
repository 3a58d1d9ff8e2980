import { isNewDeviceNotice, isPolicyChangedNotice, isRequestClosedNotice, type Notice } from '../api/notices';
import { useI18n } from '../i18n/context';
import { placeText } from '../i18n/place-text';
import { requestKindLabel } from '../privacy/request-labels';

export interface NoticeText {
  title: string;
  body: string;
}

/** The title and one sentence describing a notice, shared by the header banner and the profile page. */
export function useNoticeText() {
  const { t, formatDateTime, formatDay } = useI18n();
  return (notice: Notice): NoticeText => {
    if (isNewDeviceNotice(notice)) {
      return {
        title: t('notice.newDevice.title'),
        body: t('notice.newDevice.body', {
          time: formatDateTime(notice.createdAt),
          browser: notice.data.browser || t('common.unknown'),
          os: notice.data.os || t('common.unknown'),
          place: placeText(notice.data.place, t),
          ip: notice.data.ipMasked || t('common.unknown'),
        }),
      };
    }
    if (isPolicyChangedNotice(notice)) {
      // the notice is written when the version is published, so whether it is in force yet is read now
      const inForce = Date.parse(notice.data.effectiveAt) <= Date.now();
      return {
        title: t('notice.policyChanged.title'),
        body: t(inForce ? 'notice.policyChanged.bodyInForce' : 'notice.policyChanged.body', {
          label: notice.data.label,
          updatedOn: formatDay(notice.data.updatedOn),
          effectiveOn: formatDay(notice.data.effectiveAt),
        }),
      };
    }
    if (isRequestClosedNotice(notice)) {
      return {
        title: t('notice.requestClosed.title'),
        body: t(notice.data.status === 'refused' ? 'notice.requestClosed.refused' : 'notice.requestClosed.completed', { kind: requestKindLabel(notice.data.kind, t) }),
      };
    }
    return { title: t('notice.other.title'), body: formatDateTime(notice.createdAt) };
  };
}

/** Where a policy notice sends the reader: that version's changes. */
export function policyNoticeLink(notice: Notice): string | null {
  return isPolicyChangedNotice(notice) ? `/policy?version=${encodeURIComponent(notice.data.versionId)}&view=changes` : null;
}
