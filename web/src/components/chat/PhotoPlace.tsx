import { Typography } from 'antd';
import type { ChatAttachment } from '../../api/chat';
import { photoPlace } from '../../chat/photo-place';
import { useI18n } from '../../i18n/context';

/**
 * "📍 31.23676, 121.47867" under a photo whose sender chose to keep where it was taken
 * (`chat.photo_location`); a link to the point on OpenStreetMap, opened only on a click, with no
 * referrer, so the map service learns the point and nothing of the chat.
 */
export function PhotoPlace({ location }: { location: NonNullable<ChatAttachment['location']> }) {
  const { t } = useI18n();
  const place = photoPlace(location);
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      <a href={place.href} target="_blank" rel="noopener noreferrer nofollow" title={t('chat.photoPlaceTitle', { place: place.label })} data-testid="chat-attachment-location">
        <span aria-hidden>📍 </span>
        {place.label}
      </a>
    </Typography.Text>
  );
}
