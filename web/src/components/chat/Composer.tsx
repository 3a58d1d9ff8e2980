import { CloseOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Tooltip, Typography, type GetRef } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { ChatMessage, ConversationDetail } from '../../api/chat';
import { attachmentsUnavailable, MAX_ATTACHMENT_BYTES, uploadAttachment } from '../../api/chat-attachments';
import { characterCount, MAX_MESSAGE_CHARACTERS } from '../../chat/chat-format';
import { sendDraft, sendTyping } from '../../chat/sending';
import type { ChatPerson } from '../../chat/use-chat-people';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { ComposerAttachments, type Upload } from './ComposerAttachments';
import { MentionPicker } from './MentionPicker';
import { ReplyQuote } from './ReplyQuote';

interface Props {
  orgId: string;
  conversation: ConversationDetail;
  replyTo: ChatMessage | null;
  onCancelReply(): void;
  myMemberId: string;
  personOf(memberId: string): ChatPerson;
}

// what was being written in each chat, kept while the person looks at another one
const drafts = new Map<string, string>();

/** The @name being typed just before the caret, if any. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,30})$/u.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]! } : null;
}

/**
 * Writing a message: Enter sends, Shift+Enter starts a new line; @ picks someone in the chat;
 * files are uploaded as soon as they are chosen and sent with the message. The message shows at
 * once and is confirmed by the server's ack.
 */
export function Composer({ orgId, conversation, replyTo, onCancelReply, myMemberId, personOf }: Props) {
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const [text, setText] = useState(() => drafts.get(conversation.id) ?? '');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const mentioned = useRef(new Map<string, string>());
  const field = useRef<GetRef<typeof Input.TextArea>>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // where the caret goes once a picked @name is in the text: set in the same commit, before the next keystroke lands
  const caretAfterRender = useRef<number | null>(null);

  useEffect(() => {
    drafts.set(conversation.id, text);
  }, [conversation.id, text]);

  useEffect(() => {
    if (replyTo) field.current?.focus();
  }, [replyTo]);

  useLayoutEffect(() => {
    const position = caretAfterRender.current;
    const element = field.current?.resizableTextArea?.textArea;
    if (position === null || !element) return;
    caretAfterRender.current = null;
    element.focus();
    element.setSelectionRange(position, position);
  }, [text]);

  const candidates = useMemo(() => {
    if (!mention) return [];
    const query = mention.query.toLocaleLowerCase();
    return conversation.participants.filter((person) => person.memberId !== myMemberId && !person.gone && person.name.toLocaleLowerCase().includes(query)).slice(0, 8);
  }, [mention, conversation.participants, myMemberId]);

  const length = characterCount(text);
  const tooLong = length > MAX_MESSAGE_CHARACTERS;
  const uploading = uploads.some((upload) => upload.status === 'uploading');
  const ready = uploads.flatMap((upload) => (upload.status === 'ready' && upload.attachment ? [upload.attachment] : []));
  const canSend = !tooLong && !uploading && (text.trim().length > 0 || ready.length > 0);

  const textArea = () => field.current?.resizableTextArea?.textArea ?? null;

  const send = () => {
    if (!canSend) return;
    const body = text.trim();
    const mentions = [...mentioned.current].filter(([, name]) => body.includes(`@${name}`)).map(([memberId]) => memberId);
    sendDraft({ orgId, conversationId: conversation.id, text: body, replyToId: replyTo?.id ?? null, mentions, attachments: ready });
    setText('');
    setUploads([]);
    setMention(null);
    mentioned.current.clear();
    drafts.delete(conversation.id);
    onCancelReply();
  };

  const pick = (person: { memberId: string; name: string }) => {
    const element = textArea();
    if (!mention || !element) return;
    const caret = element.selectionStart ?? text.length;
    const inserted = `@${person.name} `;
    const next = text.slice(0, mention.start) + inserted + text.slice(caret);
    mentioned.current.set(person.memberId, person.name);
    caretAfterRender.current = mention.start + inserted.length;
    setText(next);
    setMention(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // an IME (pinyin) uses Enter to commit its characters, not to send
    if (event.nativeEvent.isComposing) return;
    if (mention && candidates.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : candidates.length - 1)) % candidates.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(candidates[Math.min(active, candidates.length - 1)]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  };

  const changed = (next: string, caret: number) => {
    setText(next);
    const found = mentionAt(next, caret);
    setMention(found);
    if (found?.query !== mention?.query) setActive(0);
    if (next.trim()) sendTyping(conversation.id);
  };

  const upload = (files: File[]) => {
    for (const file of files) {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        toast.error(t('chat.fileTooLarge', { name: file.name }));
        continue;
      }
      const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      setUploads((current) => [...current, { key, name: file.name, size: file.size, status: 'uploading', attachment: null, error: null }]);
      uploadAttachment(orgId, conversation.id, file).then(
        (attachment) => setUploads((current) => current.map((item) => (item.key === key ? { ...item, status: 'ready', attachment } : item))),
        (error: unknown) => {
          if (attachmentsUnavailable(error)) {
            toast.warning(t('chat.attachmentsUnavailable'));
            setUploads((current) => current.filter((item) => item.key !== key));
            return;
          }
          setUploads((current) => current.map((item) => (item.key === key ? { ...item, status: 'failed', error: errorText(error, t) } : item)));
        },
      );
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files];
    if (files.length) {
      event.preventDefault();
      upload(files);
    }
  };

  return (
    <div style={{ borderTop: '1px solid #f0f0f0', padding: '8px 12px 10px', position: 'relative' }} data-testid="chat-composer">
      {mention && candidates.length > 0 && <MentionPicker people={candidates} active={Math.min(active, candidates.length - 1)} onPick={pick} personOf={personOf} />}
      {replyTo && (
        <Flex align="center" gap={8} style={{ marginBottom: 6 }} data-testid="chat-composer-reply">
          <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
            {t('chat.replyingTo')}
          </Typography.Text>
          <div style={{ minWidth: 0, flex: 1 }}>
            <ReplyQuote original={replyTo} personOf={personOf} compact />
          </div>
          <Button size="small" type="text" icon={<CloseOutlined />} onClick={onCancelReply} aria-label={t('chat.cancelReply')} data-testid="chat-composer-reply-cancel" />
        </Flex>
      )}
      <ComposerAttachments uploads={uploads} onRemove={(key) => setUploads((current) => current.filter((item) => item.key !== key))} />
      <Input.TextArea
        ref={field}
        value={text}
        onChange={(event) => changed(event.target.value, event.target.selectionStart ?? event.target.value.length)}
        onSelect={(event) => setMention(mentionAt(event.currentTarget.value, event.currentTarget.selectionStart ?? 0))}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => setTimeout(() => setMention(null), 150)}
        autoSize={{ minRows: 2, maxRows: 8 }}
        placeholder={t('chat.composerPlaceholder')}
        aria-label={t('chat.composerPlaceholder')}
        variant="borderless"
        style={{ padding: '4px 0' }}
        data-testid="chat-composer-input"
      />
      <Flex justify="space-between" align="center">
        <Tooltip title={t('chat.attach')}>
          <Button type="text" icon={<PaperClipOutlined />} onClick={() => fileInput.current?.click()} aria-label={t('chat.attach')} data-testid="chat-attach" />
        </Tooltip>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          onChange={(event) => {
            upload([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
          data-testid="chat-attach-input"
        />
        <Flex align="center" gap={12}>
          <Typography.Text type={tooLong ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="chat-composer-count">
            {tooLong ? t('chat.tooLong', { count: (length - MAX_MESSAGE_CHARACTERS).toLocaleString(locale) }) : `${length.toLocaleString(locale)} / ${MAX_MESSAGE_CHARACTERS.toLocaleString(locale)}`}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('chat.enterHint')}
          </Typography.Text>
          <Button type="primary" icon={<SendOutlined />} disabled={!canSend} onClick={send} data-testid="chat-send">
            {t('chat.send')}
          </Button>
        </Flex>
      </Flex>
    </div>
  );
}
