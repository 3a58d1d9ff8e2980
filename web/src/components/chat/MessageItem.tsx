import { EllipsisOutlined, ExclamationCircleFilled, LoadingOutlined, RollbackOutlined, SmileOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Flex, Input, Popover, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import type { ChatMessage, ChatRole } from '../../api/chat';
import { characterCount, MAX_MESSAGE_CHARACTERS, messageTime } from '../../chat/chat-format';
import { useChatSpace } from '../../chat/chat-space';
import type { PendingMessage } from '../../chat/outbox';
import type { ChatPerson } from '../../chat/use-chat-people';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { MemberAvatar } from '../org/MemberAvatar';
import { goneName } from './chat-labels';
import { EmojiPicker } from './EmojiPicker';
import { MessageAttachments } from './MessageAttachments';
import { MessageText } from './MessageText';
import { ReplyQuote } from './ReplyQuote';

export interface MessageActions {
  reply(message: ChatMessage): void;
  react(message: ChatMessage, emoji: string, on: boolean): void;
  edit(message: ChatMessage, text: string): Promise<unknown>;
  recall(message: ChatMessage): Promise<unknown>;
  retry(pending: PendingMessage): void;
  discard(pending: PendingMessage): void;
  jumpTo(messageId: string): void;
}

interface Props {
  orgId: string;
  /** a stored message, or one of mine still waiting for its ack */
  message: ChatMessage | null;
  pending: PendingMessage | null;
  /** the first of a run by one sender: shows the name, picture and time */
  first: boolean;
  highlighted: boolean;
  kind: 'direct' | 'group';
  myRole: ChatRole;
  myMemberId: string;
  personOf(memberId: string): ChatPerson;
  findMessage(messageId: string): ChatMessage | undefined;
  actions: MessageActions;
}

/** One message: its sender and time, what it answers, its text or tombstone, files, reactions, and a menu of what I may do with it. */
export function MessageItem({ orgId, message, pending, first, highlighted, kind, myRole, myMemberId, personOf, findMessage, actions }: Props) {
  const { t, locale, formatDateTime } = useI18n();
  const { message: toast, modal } = App.useApp();
  const space = useChatSpace();
  const [editing, setEditing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [pickerOpen, setPickerOpen] = useState(false);

  const senderId = message?.senderMemberId ?? myMemberId;
  const sender = personOf(senderId);
  const senderLabel = senderId === myMemberId ? sender.name || t('chat.you') : sender.name || goneName(space.kind, t);
  const createdAt = message?.createdAt ?? pending!.createdAt;
  const text = message ? message.text : pending!.text;
  const mentions = message?.mentions ?? pending?.mentions ?? [];
  const attachments = message?.attachments ?? pending?.attachments ?? [];
  const replyToId = message?.replyToId ?? pending?.replyToId ?? null;
  const gone = message?.state === 'recalled' || message?.state === 'erased';
  const mine = senderId === myMemberId;
  const canEdit = Boolean(message) && mine && !gone;
  const canRecall = Boolean(message) && !gone && (mine || (kind === 'group' && (myRole === 'owner' || myRole === 'admin')));
  const canReact = Boolean(message) && !gone;

  const saveEdit = async () => {
    if (!message || editing === null) return;
    const next = editing.trim();
    if (!next || next === message.text) {
      setEditing(null);
      return;
    }
    setSaving(true);
    try {
      await actions.edit(message, editing);
      setEditing(null);
    } catch (error) {
      toast.error(errorText(error, t));
    } finally {
      setSaving(false);
    }
  };

  const menu = [
    ...(canEdit ? [{ key: 'edit', label: <span data-testid="chat-message-edit">{t('chat.edit')}</span> }] : []),
    ...(canRecall ? [{ key: 'recall', danger: true, label: <span data-testid="chat-message-recall">{t('chat.recall')}</span> }] : []),
  ];

  const onMenu = ({ key }: { key: string }) => {
    if (!message) return;
    if (key === 'edit') setEditing(message.text ?? '');
    if (key === 'recall') {
      // a modal rather than a popconfirm: the menu item is gone once clicked
      modal.confirm({
        title: t('chat.recallTitle'),
        content: t('chat.recallBody'),
        okText: t('chat.recall'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: () => actions.recall(message).catch((error: unknown) => toast.error(errorText(error, t))),
      });
    }
  };

  const editLength = editing === null ? 0 : characterCount(editing);

  return (
    <Flex
      gap={10}
      className={`chat-message${highlighted ? ' chat-message-highlight' : ''}`}
      style={{ padding: first ? '8px 12px 2px' : '2px 12px', position: 'relative' }}
      data-testid="chat-message"
      data-message-id={message?.id ?? ''}
      data-seq={message?.seq ?? ''}
      data-state={message?.state ?? (pending?.status === 'failed' ? 'failed' : 'sending')}
      data-mine={mine ? 'true' : 'false'}
    >
      <div style={{ width: 36, flex: 'none' }}>{first && <MemberAvatar member={{ name: senderLabel, avatarUrl: sender.avatarUrl }} size={36} />}</div>
      <div style={{ minWidth: 0, flex: 1 }}>
        {first && (
          <Flex gap={8} align="baseline">
            <Typography.Text strong data-testid="chat-message-sender">
              {senderLabel}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} title={formatDateTime(createdAt)}>
              {messageTime(createdAt, locale)}
            </Typography.Text>
          </Flex>
        )}
        {replyToId && <ReplyQuote original={findMessage(replyToId)} personOf={personOf} onClick={() => actions.jumpTo(replyToId)} />}
        {editing !== null ? (
          <div style={{ marginTop: 4 }}>
            <Input.TextArea
              autoFocus
              value={editing}
              onChange={(event) => setEditing(event.target.value)}
              autoSize={{ minRows: 1, maxRows: 8 }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                  event.preventDefault();
                  void saveEdit();
                }
                if (event.key === 'Escape') setEditing(null);
              }}
              data-testid="chat-edit-input"
            />
            <Flex justify="space-between" align="center" style={{ marginTop: 4 }}>
              <Typography.Text type={editLength > MAX_MESSAGE_CHARACTERS ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {t('chat.editHint')} · {editLength.toLocaleString(locale)} / {MAX_MESSAGE_CHARACTERS.toLocaleString(locale)}
              </Typography.Text>
              <Space size={4}>
                <Button size="small" onClick={() => setEditing(null)}>
                  {t('common.cancel')}
                </Button>
                <Button size="small" type="primary" loading={saving} disabled={!editing.trim() || editLength > MAX_MESSAGE_CHARACTERS} onClick={() => void saveEdit()} data-testid="chat-edit-save">
                  {t('common.save')}
                </Button>
              </Space>
            </Flex>
          </div>
        ) : gone || (message && text === null) ? (
          <div>
            <Typography.Text type="secondary" italic data-testid="chat-message-tombstone">
              {message?.state === 'recalled' ? t('chat.recalled') : t('chat.erased')}
            </Typography.Text>
          </div>
        ) : (
          <div style={{ opacity: pending ? 0.6 : 1 }}>
            {text && <MessageText text={text} mentioned={mentions.map((memberId) => ({ memberId, name: personOf(memberId).name }))} myMemberId={myMemberId} />}
            {message?.state === 'edited' && (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }} title={formatDateTime(message.editedAt)} data-testid="chat-message-edited">
                {t('chat.edited')}
              </Typography.Text>
            )}
            <MessageAttachments orgId={orgId} conversationId={message?.conversationId ?? pending!.conversationId} attachments={attachments} />
          </div>
        )}
        {message && !gone && message.reactions.length > 0 && (
          <Flex wrap gap={4} style={{ marginTop: 4 }} data-testid="chat-reactions">
            {message.reactions.map((reaction) => {
              const reacted = reaction.memberIds.includes(myMemberId);
              const names = reaction.memberIds.map((memberId) => (memberId === myMemberId ? t('chat.you') : personOf(memberId).name || goneName(space.kind, t))).join(', ');
              return (
                <Tooltip key={reaction.emoji} title={names}>
                  <Button
                    size="small"
                    shape="round"
                    type={reacted ? 'primary' : 'default'}
                    ghost={reacted}
                    onClick={() => actions.react(message, reaction.emoji, !reacted)}
                    aria-pressed={reacted}
                    data-testid="chat-reaction"
                    data-emoji={reaction.emoji}
                    data-mine={reacted ? 'true' : 'false'}
                  >
                    {reaction.emoji} {reaction.memberIds.length}
                  </Button>
                </Tooltip>
              );
            })}
          </Flex>
        )}
        {pending && (
          <Flex align="center" gap={6} style={{ marginTop: 2, fontSize: 12 }}>
            {pending.status === 'sending' ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="chat-message-sending">
                <LoadingOutlined style={{ marginRight: 4 }} />
                {t('chat.sending')}
              </Typography.Text>
            ) : (
              <>
                <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="chat-message-failed">
                  <ExclamationCircleFilled style={{ marginRight: 4 }} />
                  {pending.error ? t('chat.notSentBecause', { reason: errorText(new ApiError(400, pending.error.code, pending.error.message), t) }) : t('chat.notSent')}
                </Typography.Text>
                <Button size="small" type="link" onClick={() => actions.retry(pending)} style={{ padding: 0 }} data-testid="chat-message-retry">
                  {t('chat.retry')}
                </Button>
                <Button size="small" type="link" danger onClick={() => actions.discard(pending)} style={{ padding: 0 }} data-testid="chat-message-discard">
                  {t('chat.discard')}
                </Button>
              </>
            )}
          </Flex>
        )}
      </div>
      {message && !gone && editing === null && (
        <Flex className="chat-message-actions" gap={2} data-testid="chat-message-actions">
          {canReact && (
            <Popover
              open={pickerOpen}
              onOpenChange={setPickerOpen}
              trigger="click"
              placement="topRight"
              content={
                <EmojiPicker
                  onPick={(emoji) => {
                    setPickerOpen(false);
                    const already = message.reactions.some((reaction) => reaction.emoji === emoji && reaction.memberIds.includes(myMemberId));
                    actions.react(message, emoji, !already);
                  }}
                />
              }
            >
              <Button size="small" type="text" icon={<SmileOutlined />} aria-label={t('chat.react')} title={t('chat.react')} data-testid="chat-message-react" />
            </Popover>
          )}
          <Button size="small" type="text" icon={<RollbackOutlined />} aria-label={t('chat.reply')} title={t('chat.reply')} onClick={() => actions.reply(message)} data-testid="chat-message-reply" />
          {menu.length > 0 && (
            <Dropdown menu={{ items: menu, onClick: onMenu }} trigger={['click']} placement="bottomRight">
              <Button size="small" type="text" icon={<EllipsisOutlined />} aria-label={t('chat.more')} title={t('chat.more')} data-testid="chat-message-menu" />
            </Dropdown>
          )}
        </Flex>
      )}
    </Flex>
  );
}
