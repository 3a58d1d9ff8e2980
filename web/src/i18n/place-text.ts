import type { I18n } from './context';

/** The server names an approximate place by a code (it has no GeoIP database): say it in words. */
export function placeText(place: string | null | undefined, t: I18n['t']): string {
  if (place === 'local') return t('place.local');
  if (place === 'private') return t('place.private');
  return t('place.unknown');
}
