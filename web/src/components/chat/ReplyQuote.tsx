import { Typography } from 'antd';
import type { ChatMessage } from '../../api/chat';
import { useChatSpace } from '../../chat/chat-space';
import type { ChatPerson } from '../../chat/use-chat-people';
import { useI18n } from '../../i18n/context';
import { messageSummary, senderName } from './chat-labels';

interface Props {
  /** undefined when the original is not among the messages loaded */
  original: ChatMessage | undefined;
  personOf(memberId: string): ChatPerson;
  onClick?(): void;
  /** shown in the composer, above what is being written */
  compact?: boolean;
}

/** The message a reply answers, quoted in one or two lines (a recalled original stays recalled). */
export function ReplyQuote({ original, personOf, onClick, compact }: Props) {
  const { t } = useI18n();
  const space = useChatSpace();
  return (
    <div
      role={onClick ? 'button' : undefined}
      tabIndex={onClick ? 0 : undefined}
      onClick={onClick}
      onKeyDown={(event) => {
        if (onClick && event.key === 'Enter') onClick();
      }}
      className="chat-quote"
      style={{ cursor: onClick ? 'pointer' : undefined, margin: compact ? 0 : '4px 0' }}
      data-testid="chat-reply-quote"
    >
      {original ? (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: compact ? 1 : 2 }} style={{ margin: 0, fontSize: 13 }}>
          <Typography.Text type="secondary" strong style={{ fontSize: 13 }}>
            {senderName(original.senderMemberId, space, personOf, t)}:{' '}
          </Typography.Text>
          {messageSummary(original, t)}
        </Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('chat.replyToEarlier')}
        </Typography.Text>
      )}
    </div>
  );
}
