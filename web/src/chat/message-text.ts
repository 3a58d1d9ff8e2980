/**
 * A message's plain text cut into pieces the page renders as React text: links (http and https
 * only) and mentions of the people the message names. Nothing here produces markup; anything
 * that is not a well-formed web address, "javascript:" included, stays text.
 */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'mention'; text: string; memberId: string };

// up to whitespace, quotes, angle brackets and CJK punctuation (a Chinese sentence may run straight on after a link)
const candidateUrl = /https?:\/\/[^\s<>"'`\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/giu;
const trailing = /[.,;:!?'"*_~]$/u;

/** Sentence punctuation after a link is not part of it; a closing bracket is, when the link opened one. */
function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    if (trailing.test(url)) {
      url = url.slice(0, -1);
      continue;
    }
    const last = url.at(-1);
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    const opener = last ? pairs[last] : undefined;
    if (opener && url.split(last!).length > url.split(opener).length) {
      url = url.slice(0, -1);
      continue;
    }
    return url;
  }
}

/** The address a link may point to, or null: only http and https with a host. */
export function safeHref(text: string): string | null {
  try {
    const url = new URL(text);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

export function linkPieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(candidateUrl)) {
    const start = match.index;
    const url = trimUrl(match[0]);
    const href = safeHref(url);
    if (!href || !/^https?:\/\/./i.test(url)) continue;
    if (start > at) pieces.push({ kind: 'text', text: text.slice(at, start) });
    pieces.push({ kind: 'link', text: url, href });
    at = start + url.length;
  }
  if (at < text.length) pieces.push({ kind: 'text', text: text.slice(at) });
  return pieces;
}

/** Marks "@Name" for each person the message mentions (the longest name first, so "@Li Lei" wins over "@Li"). */
export function mentionPieces(pieces: TextPiece[], mentioned: Array<{ memberId: string; name: string }>): TextPiece[] {
  const names = mentioned.filter((person) => person.name).sort((a, b) => b.name.length - a.name.length);
  if (!names.length) return pieces;
  return pieces.flatMap((piece) => {
    if (piece.kind !== 'text') return [piece];
    const out: TextPiece[] = [];
    let plain = '';
    let index = 0;
    const { text } = piece;
    while (index < text.length) {
      const person = text[index] === '@' ? names.find((candidate) => text.startsWith(candidate.name, index + 1)) : undefined;
      if (person) {
        if (plain) out.push({ kind: 'text', text: plain });
        plain = '';
        out.push({ kind: 'mention', text: `@${person.name}`, memberId: person.memberId });
        index += person.name.length + 1;
      } else {
        plain += text[index];
        index += 1;
      }
    }
    if (plain) out.push({ kind: 'text', text: plain });
    return out;
  });
}

export function messagePieces(text: string, mentioned: Array<{ memberId: string; name: string }> = []): TextPiece[] {
  return mentionPieces(linkPieces(text), mentioned);
}
