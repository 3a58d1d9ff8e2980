import type { Notice } from '../api/notices';
import { useI18n } from '../i18n/context';
import { placeText } from '../i18n/place-text';

/** One sentence describing a notice, shared by the header banner and the profile page. */
export function useNoticeText() {
  const { t, formatDateTime } = useI18n();
  return (notice: Notice) =>
    t('notice.newDevice.body', {
      time: formatDateTime(notice.createdAt),
      browser: notice.data.browser || t('common.unknown'),
      os: notice.data.os || t('common.unknown'),
      place: placeText(notice.data.place, t),
      ip: notice.data.ipMasked || t('common.unknown'),
    });
}
