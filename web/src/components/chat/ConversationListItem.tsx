import { MutedOutlined } from '@ant-design/icons';
import { Badge, Flex, Tag, Typography } from 'antd';
import type { ConversationSummary } from '../../api/chat';
import { listTime } from '../../chat/chat-format';
import { useChatSpace } from '../../chat/chat-space';
import type { ChatPerson } from '../../chat/use-chat-people';
import { useI18n } from '../../i18n/context';
import { chatTitle, previewText } from './chat-labels';
import { ConversationAvatar } from './ConversationAvatar';

interface Props {
  conversation: ConversationSummary;
  active: boolean;
  personOf(memberId: string): ChatPerson;
  onOpen(): void;
}

/** One row of the chat list: who, the latest message, when, how many are unread, and whether it still takes messages. */
export function ConversationListItem({ conversation, active, personOf, onOpen }: Props) {
  const { t, locale } = useI18n();
  const space = useChatSpace();
  const title = chatTitle(conversation, space.kind, t);
  const peer = conversation.peer ? personOf(conversation.peer.memberId) : null;
  const at = conversation.lastMessageAt ?? conversation.createdAt;
  return (
    <Flex
      role="button"
      tabIndex={0}
      align="center"
      gap={10}
      onClick={onOpen}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen();
        }
      }}
      className="chat-hoverable"
      data-testid="chat-list-item"
      data-conversation-id={conversation.id}
      data-active={active ? 'true' : 'false'}
      style={{
        padding: '10px 12px',
        borderRadius: 8,
        cursor: 'pointer',
        background: active ? '#e8f0fc' : undefined,
        opacity: conversation.archived ? 0.65 : 1,
      }}
    >
      <ConversationAvatar conversation={conversation} peer={peer} size={40} />
      <div style={{ minWidth: 0, flex: 1 }}>
        <Flex justify="space-between" align="baseline" gap={8}>
          <Typography.Text strong={conversation.unread > 0} ellipsis data-testid="chat-list-name">
            {title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
            {listTime(at, locale)}
          </Typography.Text>
        </Flex>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 13 }} data-testid="chat-list-preview">
            {previewText(conversation, space, personOf, t)}
          </Typography.Text>
          <Flex align="center" gap={4} style={{ flex: 'none' }}>
            {conversation.closed && (
              <Tag bordered={false} title={t('contacts.chat.closed')} style={{ margin: 0, fontSize: 11, lineHeight: '16px', paddingInline: 5, color: '#8c8c8c' }} data-testid="chat-list-closed">
                {t('chat.closed')}
              </Tag>
            )}
            {conversation.muted && <MutedOutlined style={{ color: '#aaa' }} aria-label={t('chat.muted')} title={t('chat.muted')} data-testid="chat-list-muted" />}
            {conversation.unread > 0 && (
              <Badge count={conversation.unread} overflowCount={99} color={conversation.muted ? '#bbb' : undefined} data-testid="chat-list-unread" title={t('chat.unreadCount', { count: conversation.unread })} />
            )}
          </Flex>
        </Flex>
      </div>
    </Flex>
  );
}
