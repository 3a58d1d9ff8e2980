import { DownOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Skeleton } from 'antd';
import { useState } from 'react';
import type { ConversationSummary } from '../../api/chat';
import type { ChatPerson } from '../../chat/use-chat-people';
import { useI18n } from '../../i18n/context';
import { ConversationListItem } from './ConversationListItem';

interface Props {
  conversations: ConversationSummary[] | undefined;
  activeId: string | null;
  personOf(memberId: string): ChatPerson;
  onOpen(conversationId: string): void;
}

/** Chats most recently active first; archived ones folded away below, the open one always shown. */
export function ConversationList({ conversations, activeId, personOf, onOpen }: Props) {
  const { t } = useI18n();
  const [showArchived, setShowArchived] = useState(false);
  if (!conversations) return <Skeleton active avatar paragraph={{ rows: 2 }} style={{ padding: 12 }} />;
  const current = conversations.filter((conversation) => !conversation.archived);
  const archived = conversations.filter((conversation) => conversation.archived);
  if (!conversations.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chat.noChats')} style={{ marginTop: 48 }} />;
  const item = (conversation: ConversationSummary) => (
    <ConversationListItem
      key={conversation.id}
      conversation={conversation}
      active={conversation.id === activeId}
      personOf={personOf}
      onOpen={() => onOpen(conversation.id)}
    />
  );
  return (
    <Flex vertical gap={2} data-testid="chat-list">
      {current.map(item)}
      {archived.length > 0 && (
        <>
          <Button
            type="text"
            size="small"
            icon={showArchived ? <DownOutlined /> : <RightOutlined />}
            onClick={() => setShowArchived((shown) => !shown)}
            style={{ alignSelf: 'flex-start', margin: '8px 4px 4px' }}
            data-testid="chat-list-archived-toggle"
          >
            {t('chat.archivedCount', { count: archived.length })}
          </Button>
          {archived.filter((conversation) => showArchived || conversation.id === activeId).map(item)}
        </>
      )}
    </Flex>
  );
}
