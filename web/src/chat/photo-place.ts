import type { ChatAttachment } from '../api/chat';

/**
 * Where a photo was taken, as the chat shows it: the coordinates to five decimals (about a metre),
 * and a link to that point on OpenStreetMap. The link is opened only when a person clicks it; the
 * page shows no map of its own, so no map service learns anything by a photo being displayed.
 */
export function photoPlace(location: NonNullable<ChatAttachment['location']>): { label: string; href: string } {
  const latitude = location.latitude.toFixed(5);
  const longitude = location.longitude.toFixed(5);
  const query = new URLSearchParams({ mlat: latitude, mlon: longitude });
  return { label: `${latitude}, ${longitude}`, href: `https://www.openstreetmap.org/?${query.toString()}#map=17/${latitude}/${longitude}` };
}
