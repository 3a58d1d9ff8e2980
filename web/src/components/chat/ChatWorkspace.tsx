import { MessageOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Tooltip, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useConversations, type ChatMessage } from '../../api/chat';
import { useChatSpace } from '../../chat/chat-space';
import { useChatPeople } from '../../chat/use-chat-people';
import { useI18n } from '../../i18n/context';
import { QueryFailure } from '../QueryFailure';
import { SearchBox } from '../SearchBox';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { MessageSearchResults } from './MessageSearchResults';
import { NewChatModal } from './NewChatModal';
import './chat.css';

/**
 * Messages, laid out like Lark or Slack: my chats (or search results) on the left, the open chat
 * on the right. The same for an organisation and for chats between contacts (useChatSpace).
 */
export function ChatWorkspace() {
  const { t } = useI18n();
  const space = useChatSpace();
  const navigate = useNavigate();
  const { conversationId = null } = useParams();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const conversations = useConversations(space.id);
  const personOf = useChatPeople(space);
  const base = space.chatBase;
  const jump = Number(params.get('at'));
  const jumpSeq = Number.isInteger(jump) && jump > 0 ? jump : null;

  const open = (id: string) => navigate(`${base}/${encodeURIComponent(id)}`);
  const openResult = (message: ChatMessage) => {
    setQ('');
    navigate(`${base}/${encodeURIComponent(message.conversationId)}?at=${message.seq}`);
  };
  const jumped = useCallback(
    () =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('at');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Flex style={{ height: 'calc(100vh - 250px)', minHeight: 520 }}>
        <Flex vertical style={{ width: 320, flex: 'none', borderRight: '1px solid #f0f0f0' }}>
          <Flex vertical gap={10} style={{ padding: '12px 12px 8px' }}>
            <Flex justify="space-between" align="center">
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('chat.title')}
              </Typography.Title>
              <Tooltip title={t('chat.newChat')}>
                <Button type="primary" shape="circle" icon={<PlusOutlined />} onClick={() => setCreating(true)} aria-label={t('chat.newChat')} data-testid="chat-new" />
              </Tooltip>
            </Flex>
            <SearchBox value={q} placeholder={t('chat.searchPlaceholder')} testId="chat-search" width={296} onSearch={setQ} />
          </Flex>
          <div style={{ flex: 1, overflowY: 'auto', padding: '0 6px 8px' }}>
            {conversations.isError ? (
              <QueryFailure error={conversations.error} onRetry={() => void conversations.refetch()} />
            ) : q ? (
              <MessageSearchResults orgId={space.id} q={q} conversations={conversations.data ?? []} personOf={personOf} onOpen={openResult} />
            ) : (
              <ConversationList conversations={conversations.data} activeId={conversationId} personOf={personOf} onOpen={open} />
            )}
          </div>
        </Flex>
        <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          {conversationId ? (
            <ConversationView key={conversationId} conversationId={conversationId} jumpSeq={jumpSeq} onJumped={jumped} onLeft={() => navigate(base)} />
          ) : (
            <Empty image={<MessageOutlined style={{ fontSize: 56, color: '#c8d3e6' }} />} description={t('chat.pickChat')} style={{ margin: 'auto' }} />
          )}
        </div>
      </Flex>
      <NewChatModal
        open={creating}
        onClose={() => setCreating(false)}
        onOpened={(id) => {
          setCreating(false);
          open(id);
        }}
      />
    </Card>
  );
}
