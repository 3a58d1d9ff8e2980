import { Empty, Flex, Skeleton, Typography } from 'antd';
import { useMessageSearch, type ChatMessage, type ConversationSummary } from '../../api/chat';
import { listTime } from '../../chat/chat-format';
import { useChatSpace } from '../../chat/chat-space';
import type { ChatPerson } from '../../chat/use-chat-people';
import { useI18n } from '../../i18n/context';
import { QueryFailure } from '../QueryFailure';
import { chatTitle, messageSummary, senderName } from './chat-labels';

interface Props {
  orgId: string;
  q: string;
  conversations: ConversationSummary[];
  personOf(memberId: string): ChatPerson;
  onOpen(message: ChatMessage): void;
}

/** Messages of my chats that contain the words searched for, newest first; a click opens the chat at that message. */
export function MessageSearchResults({ orgId, q, conversations, personOf, onOpen }: Props) {
  const { t, locale } = useI18n();
  const space = useChatSpace();
  const results = useMessageSearch(orgId, q);
  if (results.isError) return <QueryFailure error={results.error} onRetry={() => void results.refetch()} />;
  if (!results.data) return <Skeleton active paragraph={{ rows: 3 }} style={{ padding: 12 }} />;
  if (!results.data.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chat.searchNothing')} style={{ marginTop: 48 }} />;
  const chatOf = new Map(conversations.map((conversation) => [conversation.id, conversation]));
  return (
    <Flex vertical gap={2} data-testid="chat-search-results">
      <Typography.Text type="secondary" style={{ padding: '4px 12px', fontSize: 12 }}>
        {t('chat.searchCount', { count: results.data.length })}
      </Typography.Text>
      {results.data.map((message) => {
        const chat = chatOf.get(message.conversationId);
        return (
          <Flex
            key={message.id}
            vertical
            role="button"
            tabIndex={0}
            onClick={() => onOpen(message)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') onOpen(message);
            }}
            data-testid="chat-search-result"
            data-conversation-id={message.conversationId}
            style={{ padding: '8px 12px', borderRadius: 8, cursor: 'pointer' }}
            className="chat-hoverable"
          >
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong ellipsis data-testid="chat-search-result-chat">
                {chat ? chatTitle(chat, space.kind, t) : t('chat.unknownChat')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                {listTime(message.createdAt, locale)}
              </Typography.Text>
            </Flex>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }} data-testid="chat-search-result-text">
              {`${senderName(message.senderMemberId, space, personOf, t)}: ${messageSummary(message, t)}`}
            </Typography.Paragraph>
          </Flex>
        );
      })}
    </Flex>
  );
}
