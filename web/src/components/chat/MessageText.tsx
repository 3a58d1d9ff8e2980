import { Fragment } from 'react';
import { messagePieces } from '../../chat/message-text';

interface Props {
  text: string;
  /** the people the message mentions, to mark their @names */
  mentioned: Array<{ memberId: string; name: string }>;
  myMemberId: string;
}

/**
 * A message's text, always as React text: what a person typed never reaches the page as markup.
 * Web addresses (http and https only) become links that open in a new tab without telling the
 * site where the reader came from.
 */
export function MessageText({ text, mentioned, myMemberId }: Props) {
  return (
    <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="chat-message-text">
      {messagePieces(text, mentioned).map((piece, index) => {
        if (piece.kind === 'link') {
          return (
            <a key={index} href={piece.href} target="_blank" rel="noopener noreferrer nofollow" data-testid="chat-message-link">
              {piece.text}
            </a>
          );
        }
        if (piece.kind === 'mention') {
          return (
            <span key={index} className={piece.memberId === myMemberId ? 'chat-mention chat-mention-me' : 'chat-mention'} data-testid="chat-message-mention">
              {piece.text}
            </span>
          );
        }
        return <Fragment key={index}>{piece.text}</Fragment>;
      })}
    </span>
  );
}
