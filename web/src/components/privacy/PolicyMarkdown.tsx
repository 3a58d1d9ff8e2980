import { Divider, Typography } from 'antd';
import type { MouseEvent, ReactNode } from 'react';
import type { Block, Inline } from '../../privacy/markdown';

/** Room for the sticky header when a section is scrolled to. */
export const sectionScrollMargin = 80;

interface Props {
  blocks: Block[];
  /**
   * Put in front of every id, so that two texts on one screen (the policy in force and an older
   * version in a drawer) do not share ids and each text's links stay inside it.
   */
  idPrefix?: string;
  /** after an in-text link scrolled its section into view, e.g. to put the anchor in the address */
  onJump?(id: string): void;
}

const titleLevel = { 1: 2, 2: 3, 3: 4, 4: 5, 5: 5, 6: 5 } as const;

/**
 * The policy text as React elements, built from the parsed tree: the text itself never becomes
 * markup (no dangerouslySetInnerHTML), so it cannot inject anything into the page.
 */
export function PolicyMarkdown({ blocks, idPrefix = '', onJump }: Props) {
  const jump = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    event.preventDefault();
    document.getElementById(idPrefix + id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    onJump?.(id);
  };

  const inline = (nodes: Inline[]): ReactNode[] =>
    nodes.map((node, index) => {
      switch (node.type) {
        case 'text':
          return node.text;
        case 'strong':
          return <strong key={index}>{inline(node.children)}</strong>;
        case 'em':
          return <em key={index}>{inline(node.children)}</em>;
        case 'code':
          return (
            <Typography.Text key={index} code>
              {node.text}
            </Typography.Text>
          );
        case 'link': {
          if (node.href.startsWith('#')) {
            const id = node.href.slice(1);
            return (
              <a key={index} href={`#${idPrefix}${id}`} onClick={(event) => jump(event, id)}>
                {inline(node.children)}
              </a>
            );
          }
          return (
            <a key={index} href={node.href} target="_blank" rel="noopener noreferrer">
              {inline(node.children)}
            </a>
          );
        }
      }
    });

  const idOf = (block: { id?: string }) => (block.id ? idPrefix + block.id : undefined);
  const anchored = { scrollMarginTop: sectionScrollMargin };

  const render = (list: Block[], tight = false): ReactNode[] =>
    list.map((block, index) => {
      switch (block.type) {
        case 'heading':
          return (
            <Typography.Title key={index} level={titleLevel[block.level]} id={idOf(block)} style={{ ...anchored, marginTop: block.level === 1 ? 0 : undefined }}>
              {inline(block.content)}
            </Typography.Title>
          );
        case 'paragraph':
          // in a tight list an item's text is not a paragraph of its own, so it keeps no margins
          return tight ? (
            <span key={index} id={idOf(block)}>
              {inline(block.content)}
            </span>
          ) : (
            <Typography.Paragraph key={index} id={idOf(block)} style={anchored}>
              {inline(block.content)}
            </Typography.Paragraph>
          );
        case 'list': {
          const items = block.items.map((item, itemIndex) => <li key={itemIndex}>{render(item, block.tight)}</li>);
          const style = { ...anchored, marginBottom: '1em', paddingInlineStart: '1.6em' };
          return block.ordered ? (
            <ol key={index} id={idOf(block)} start={block.start === 1 ? undefined : block.start} style={style}>
              {items}
            </ol>
          ) : (
            <ul key={index} id={idOf(block)} style={style}>
              {items}
            </ul>
          );
        }
        case 'quote':
          return (
            <blockquote key={index} id={idOf(block)} style={{ ...anchored, margin: '0 0 1em', padding: '4px 16px', borderInlineStart: '4px solid #d9d9d9', color: 'rgba(0, 0, 0, 0.65)' }}>
              {render(block.children)}
            </blockquote>
          );
        case 'rule':
          return <Divider key={index} />;
      }
    });

  return <Typography style={{ lineHeight: 1.8 }}>{render(blocks)}</Typography>;
}
