/**
 * A deliberately small Markdown reader for the privacy policy texts: headings, paragraphs,
 * ordered and unordered lists (nested by indentation), block quotes, rules, and inline bold,
 * italics, code and links. It produces a tree, not HTML: the page builds React elements from it,
 * so nothing in the text can ever reach the DOM as markup. Raw HTML in the text stays visible as
 * text, with two exceptions that the policy texts use on purpose: `<a id="s3"></a>` anchor lines,
 * which give the next block its id (the target of the contents' `#s3` links), and HTML comments,
 * which are editors' notes and are dropped.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  /** href is only ever `#anchor`, http(s) or mailto: anything else stays plain text */
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; id?: string; content: Inline[] }
  | { type: 'paragraph'; id?: string; content: Inline[] }
  | { type: 'list'; id?: string; ordered: boolean; start: number; tight: boolean; items: Block[][] }
  | { type: 'quote'; id?: string; children: Block[] }
  | { type: 'rule' };

const anchorLine = /^\s*<a\s+(?:id|name)\s*=\s*["']([A-Za-z][\w:.-]*)["']\s*>\s*<\/a>\s*$/i;
/** `## <a id="s3"></a>3. Title`: the same anchor written inside the heading line */
const leadingAnchor = /^<a\s+(?:id|name)\s*=\s*["']([A-Za-z][\w:.-]*)["']\s*>\s*<\/a>\s*/i;
const headingLine = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*(?:\s#+)?\s*$/;
const ruleLine = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const quoteLine = /^ {0,3}>\s?/;
const listItemLine = /^( {0,3})([-*+]|\d{1,9}[.)])(\s{1,4}|$)(.*)$/;
const commentStart = /^\s*<!--/;

const isBlank = (line: string) => line.trim() === '';
const indentOf = (line: string) => line.length - line.replace(/^\s+/, '').length;

/** Tabs count as four spaces, as Markdown has it. */
function lines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
}

function startsBlock(line: string): boolean {
  return headingLine.test(line) || ruleLine.test(line) || quoteLine.test(line) || listItemLine.test(line) || anchorLine.test(line) || commentStart.test(line);
}

export function parseMarkdown(text: string): Block[] {
  return parseBlocks(lines(text));
}

function parseBlocks(source: string[]): Block[] {
  const blocks: Block[] = [];
  let pendingId: string | undefined;
  const push = (block: Block) => {
    if (pendingId && block.type !== 'rule') blocks.push({ ...block, id: pendingId });
    else blocks.push(block);
    pendingId = undefined;
  };

  let i = 0;
  while (i < source.length) {
    const line = source[i] ?? '';
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    if (commentStart.test(line)) {
      while (i < source.length && !(source[i] ?? '').includes('-->')) i += 1;
      i += 1;
      continue;
    }
    const anchor = anchorLine.exec(line);
    if (anchor) {
      pendingId = anchor[1];
      i += 1;
      continue;
    }
    const heading = headingLine.exec(line);
    if (heading) {
      let title = heading[2] ?? '';
      const inner = leadingAnchor.exec(title);
      if (inner) {
        pendingId ??= inner[1];
        title = title.slice(inner[0].length);
      }
      push({ type: 'heading', level: (heading[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6, content: parseInline(title) });
      i += 1;
      continue;
    }
    if (ruleLine.test(line)) {
      push({ type: 'rule' });
      i += 1;
      continue;
    }
    if (quoteLine.test(line)) {
      const quoted: string[] = [];
      while (i < source.length && quoteLine.test(source[i] ?? '')) {
        quoted.push((source[i] ?? '').replace(quoteLine, ''));
        i += 1;
      }
      push({ type: 'quote', children: parseBlocks(quoted) });
      continue;
    }
    if (listItemLine.test(line)) {
      const { list, next } = parseList(source, i);
      push(list);
      i = next;
      continue;
    }
    const paragraph: string[] = [];
    while (i < source.length && !isBlank(source[i] ?? '') && (paragraph.length === 0 || !startsBlock(source[i] ?? ''))) {
      paragraph.push((source[i] ?? '').trim());
      i += 1;
    }
    push({ type: 'paragraph', content: parseInline(joinLines(paragraph)) });
  }
  return blocks;
}

const wide = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** A paragraph's lines read as one: Chinese runs on without the space a line break would become. */
function joinLines(paragraph: string[]): string {
  return paragraph.reduce((text, line) => (text === '' ? line : wide.test(text.slice(-1)) && wide.test(line.charAt(0)) ? text + line : `${text} ${line}`), '');
}

/** Lines a reader of a diff need not see: anchors and editors' comments. */
export function isMarkupLine(line: string): boolean {
  return anchorLine.test(line) || /^\s*<!--.*-->\s*$/.test(line);
}

function markerKind(marker: string): { ordered: boolean; start: number } {
  const number = /^\d+/.exec(marker);
  return number ? { ordered: true, start: Number(number[0]) } : { ordered: false, start: 1 };
}

/** A list from line `from` on: its items, each parsed again as blocks from its indented lines. */
function parseList(source: string[], from: number): { list: Block; next: number } {
  const first = listItemLine.exec(source[from] ?? '');
  const kind = markerKind(first?.[2] ?? '-');
  const items: Block[][] = [];
  let tight = true;
  let i = from;

  while (i < source.length) {
    const match = listItemLine.exec(source[i] ?? '');
    if (!match || markerKind(match[2] ?? '').ordered !== kind.ordered) break;
    const [, indent = '', marker = '', gap = ''] = match;
    // the item's own lines are those indented at least as far as its text
    const contentIndent = indent.length + marker.length + Math.max(gap.length, 1);
    const itemLines = [match[4] ?? ''];
    i += 1;
    while (i < source.length) {
      const line = source[i] ?? '';
      if (isBlank(line)) {
        let ahead = i + 1;
        while (ahead < source.length && isBlank(source[ahead] ?? '')) ahead += 1;
        const nextLine = source[ahead];
        if (nextLine !== undefined && indentOf(nextLine) >= contentIndent) {
          tight = false;
          for (; i < ahead; i += 1) itemLines.push('');
          continue;
        }
        // a blank line between two items of the same list makes it a loose list
        const sibling = nextLine === undefined ? null : listItemLine.exec(nextLine);
        if (sibling && markerKind(sibling[2] ?? '').ordered === kind.ordered && (sibling[1] ?? '').length < contentIndent) tight = false;
        i = ahead;
        break;
      }
      if (indentOf(line) >= contentIndent) {
        itemLines.push(line.slice(contentIndent));
      } else if (startsBlock(line)) {
        break;
      } else {
        // a lazy continuation of the item's paragraph
        itemLines.push(line.trim());
      }
      i += 1;
    }
    items.push(parseBlocks(itemLines));
    const nextItem = listItemLine.exec(source[i] ?? '');
    if (!nextItem || markerKind(nextItem[2] ?? '').ordered !== kind.ordered) break;
  }
  return { list: { type: 'list', ordered: kind.ordered, start: kind.start, tight, items }, next: i };
}

/** In order of preference at the same position: escapes, code, links, bold, italics. */
const inlineToken = /\\([\\`*_[\]()#+\-.!<>{}|~])|(`+)([\s\S]*?[^`])\2(?!`)|\[((?:[^\][]|\[[^\]]*\])*)\]\(\s*<?([^\s)>]*)>?(?:\s+["'][^"']*["'])?\s*\)|\*\*(?=\S)([\s\S]*?\S)\*\*|\*(?=[^\s*])([\s\S]*?[^\s*])\*/g;

export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (/^#[A-Za-z][\w:.-]*$/.test(href)) return href;
  if (/^(?:https?:\/\/|mailto:)[^\s]+$/i.test(href)) return href;
  return null;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pushText = (value: string) => {
    if (!value) return;
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += value;
    else out.push({ type: 'text', text: value });
  };
  const pattern = new RegExp(inlineToken.source, 'g');
  let done = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    pushText(text.slice(done, match.index));
    done = match.index + match[0].length;
    const [whole, escaped, , code, linkText, linkHref, strong, em] = match;
    if (escaped !== undefined) pushText(escaped);
    else if (code !== undefined) out.push({ type: 'code', text: code.trim() || code });
    else if (linkText !== undefined) {
      const href = safeHref(linkHref ?? '');
      if (href) out.push({ type: 'link', href, children: parseInline(linkText) });
      else pushText(whole);
    } else if (strong !== undefined) out.push({ type: 'strong', children: parseInline(strong) });
    else if (em !== undefined) out.push({ type: 'em', children: parseInline(em) });
    else pushText(whole);
  }
  pushText(text.slice(done));
  return out;
}

export function plainText(content: Inline[]): string {
  return content.map((node) => (node.type === 'text' || node.type === 'code' ? node.text : plainText(node.children))).join('');
}

export interface OutlineEntry {
  id: string;
  title: string;
}

/**
 * The sections a table of contents lists: the level-2 headings that carry an anchor id. Texts
 * without anchors get ids for their level-2 headings from their position, so they can still be
 * jumped to.
 */
export function outlineOf(blocks: Block[]): { blocks: Block[]; outline: OutlineEntry[] } {
  const sections = blocks.filter((block) => block.type === 'heading' && block.level === 2);
  const anchored = sections.some((block) => block.type === 'heading' && block.id);
  let position = 0;
  const withIds = blocks.map((block) => {
    if (block.type !== 'heading' || block.level !== 2 || block.id || anchored) return block;
    position += 1;
    return { ...block, id: `section-${position}` };
  });
  const outline = withIds.flatMap((block) => (block.type === 'heading' && block.level === 2 && block.id ? [{ id: block.id, title: plainText(block.content) }] : []));
  return { blocks: withIds, outline };
}
