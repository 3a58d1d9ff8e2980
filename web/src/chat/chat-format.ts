/** Small formatting rules of the messages page. */

/** Characters as the server counts them (code points), so the counter agrees with its 10,000 limit. */
export function characterCount(text: string): number {
  return [...text].length;
}

export const MAX_MESSAGE_CHARACTERS = 10_000;

/** "512 B", "12.3 KB", "4.1 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** The reactions offered in the picker: the ones people use most in workplace chat. */
export const COMMON_EMOJIS = ['👍', '❤️', '😂', '🎉', '👏', '🙏', '😮', '😢', '🔥', '✅', '👀', '💯'];

/** A picture's thumbnail inside at most `box` × `box`, keeping its shape. */
export function thumbnailSize(image: { width: number; height: number }, box = 240): { width: number; height: number } {
  const scale = Math.min(1, box / Math.max(image.width, image.height, 1));
  return { width: Math.max(1, Math.round(image.width * scale)), height: Math.max(1, Math.round(image.height * scale)) };
}

/** Consecutive messages of one sender within this long share one name and time header. */
export const GROUP_WITHIN_MS = 5 * 60_000;

export function sameGroup(previous: { senderMemberId: string; createdAt: string } | undefined, next: { senderMemberId: string; createdAt: string }): boolean {
  if (!previous || previous.senderMemberId !== next.senderMemberId) return false;
  const gap = Date.parse(next.createdAt) - Date.parse(previous.createdAt);
  return gap >= 0 && gap < GROUP_WITHIN_MS && new Date(previous.createdAt).toDateString() === new Date(next.createdAt).toDateString();
}

/** A time as the chat list shows it: the clock today, the day this year, the date before. */
export function listTime(iso: string, locale: string, now = new Date()): string {
  const at = new Date(iso);
  if (at.toDateString() === now.toDateString()) return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
  if (at.getFullYear() === now.getFullYear()) return new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric' }).format(at);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric' }).format(at);
}

/** A message's time beside the sender's name. */
export function messageTime(iso: string, locale: string, now = new Date()): string {
  const at = new Date(iso);
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
  return at.toDateString() === now.toDateString() ? clock : `${listTime(iso, locale, now)} ${clock}`;
}
