import { SettingOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Result, Skeleton, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { isApiError } from '../../api/api-error';
import { editMessage, recallMessage, setReaction, useConversation, type ChatMessage } from '../../api/chat';
import { applyUpdatedMessage, setViewing } from '../../chat/chat-cache';
import { useChatSpace } from '../../chat/chat-space';
import { usePendingMessages } from '../../chat/outbox';
import { discard, markRead, retry } from '../../chat/sending';
import { useChatPeople } from '../../chat/use-chat-people';
import { useMessageWindow } from '../../chat/use-message-window';
import { useRealtimeStatus } from '../../chat/use-realtime';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { QueryFailure } from '../QueryFailure';
import { chatTitle } from './chat-labels';
import { Composer } from './Composer';
import { ConversationAvatar } from './ConversationAvatar';
import { ConversationSettingsDrawer } from './ConversationSettingsDrawer';
import { MessageList } from './MessageList';
import { TypingIndicator } from './TypingIndicator';

interface Props {
  conversationId: string;
  jumpSeq: number | null;
  onJumped(): void;
  onLeft(): void;
}

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/**
 * One chat: its header, the history, and the composer. What is on screen while the tab is visible
 * counts as read. A closed chat (between people who are no longer contacts) is kept to read, with a
 * notice in place of the composer.
 */
export function ConversationView({ conversationId, jumpSeq, onJumped, onLeft }: Props) {
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const space = useChatSpace();
  const myMemberId = space.myMemberId;
  const conversation = useConversation(space.id, conversationId);
  const { query: history, loadOlder, loadingOlder } = useMessageWindow(space.id, conversationId);
  const pending = usePendingMessages(conversationId);
  const personOf = useChatPeople(space, conversation.data?.participants);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const visible = usePageVisible();
  const status = useRealtimeStatus();

  // new messages in the chat on screen are not counted unread
  useEffect(() => {
    setViewing(visible ? conversationId : null);
    return () => setViewing(null);
  }, [conversationId, visible]);

  const lastSeq = history.data?.messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (visible && lastSeq > 0 && conversation.data) markRead(space.id, conversationId, lastSeq);
  }, [visible, lastSeq, conversation.data, space.id, conversationId]);

  useEffect(() => setReplyTo(null), [conversationId]);

  // a send refused because the chat was closed meanwhile (the contact was removed): show it closed
  const refusedAsClosed = pending.some((entry) => entry.error?.code === 'conversation_closed');
  const { refetch: refetchConversation } = conversation;
  useEffect(() => {
    if (refusedAsClosed) void refetchConversation();
  }, [refusedAsClosed, refetchConversation]);

  const onHttpAnswer = useCallback((message: ChatMessage) => applyUpdatedMessage(space.id, message), [space.id]);
  const actions = useMemo(
    () => ({
      reply: (message: ChatMessage) => setReplyTo(message),
      react: (message: ChatMessage, emoji: string, on: boolean) => {
        setReaction(space.id, conversationId, message.id, emoji, on).then(onHttpAnswer, (error: unknown) => toast.error(errorText(error, t)));
      },
      edit: (message: ChatMessage, text: string) => editMessage(space.id, conversationId, message.id, text).then(onHttpAnswer),
      recall: (message: ChatMessage) => recallMessage(space.id, conversationId, message.id).then(onHttpAnswer),
      retry: (entry: { clientMessageId: string }) => retry(entry.clientMessageId),
      discard: (entry: { clientMessageId: string }) => discard(entry.clientMessageId),
    }),
    [space.id, conversationId, onHttpAnswer, toast, t],
  );

  if (conversation.isError) {
    if (isApiError(conversation.error, 'conversation_not_found')) {
      return <Result status="404" title={t('chat.notFound')} subTitle={t('chat.notFoundHint')} style={{ margin: 'auto' }} data-testid="chat-not-found" />;
    }
    return <QueryFailure error={conversation.error} onRetry={() => void conversation.refetch()} />;
  }
  if (!conversation.data) return <Skeleton active avatar paragraph={{ rows: 6 }} style={{ padding: 24 }} />;
  const chat = conversation.data;
  const peer = chat.peer ? personOf(chat.peer.memberId) : null;

  return (
    <Flex vertical style={{ height: '100%', minWidth: 0 }} data-testid="chat-view" data-conversation-id={chat.id}>
      <Flex align="center" gap={10} style={{ padding: '10px 16px', borderBottom: '1px solid #f0f0f0' }}>
        <ConversationAvatar conversation={chat} peer={peer} size={36} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Title level={5} style={{ margin: 0 }} ellipsis data-testid="chat-title">
            {chatTitle(chat, space.kind, t)}
            {chat.kind === 'group' && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13, marginLeft: 8 }}>
                {t('chat.memberCount', { count: chat.participants.length })}
              </Typography.Text>
            )}
          </Typography.Title>
          <TypingIndicator conversationId={chat.id} myMemberId={myMemberId} personOf={personOf} />
        </div>
        {status !== 'open' && (
          <Tooltip title={t('chat.reconnectingHint')}>
            <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="chat-offline">
              <WarningOutlined /> {t('chat.reconnecting')}
            </Typography.Text>
          </Tooltip>
        )}
        <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} aria-label={t('chat.settings')} title={t('chat.settings')} data-testid="chat-settings" />
      </Flex>
      {history.isError ? (
        <div style={{ padding: 16 }}>
          <QueryFailure error={history.error} onRetry={() => void history.refetch()} />
        </div>
      ) : (
        <MessageList
          orgId={space.id}
          conversation={chat}
          window={history.data}
          pending={pending}
          loadOlder={loadOlder}
          loadingOlder={loadingOlder}
          myMemberId={myMemberId}
          personOf={personOf}
          actions={actions}
          jumpSeq={jumpSeq}
          onJumped={onJumped}
        />
      )}
      {chat.closed ? (
        <Alert type="info" showIcon banner title={t('contacts.chat.closed')} style={{ borderTop: '1px solid #f0f0f0' }} data-testid="chat-closed" />
      ) : (
        <Composer key={chat.id} orgId={space.id} conversation={chat} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} myMemberId={myMemberId} personOf={personOf} />
      )}
      <ConversationSettingsDrawer open={settingsOpen} conversation={chat} onClose={() => setSettingsOpen(false)} onLeft={onLeft} />
    </Flex>
  );
}
