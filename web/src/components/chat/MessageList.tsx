import { Divider, Empty, Spin } from 'antd';
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ChatMessage, ConversationDetail, MessageWindow } from '../../api/chat';
import { sameGroup } from '../../chat/chat-format';
import { hasOlder } from '../../chat/message-window';
import type { PendingMessage } from '../../chat/outbox';
import type { ChatPerson } from '../../chat/use-chat-people';
import { useI18n } from '../../i18n/context';
import { MessageItem, type MessageActions } from './MessageItem';

interface Props {
  orgId: string;
  conversation: ConversationDetail;
  window: MessageWindow | undefined;
  pending: PendingMessage[];
  loadingOlder: boolean;
  loadOlder(untilSeq?: number): Promise<void>;
  myMemberId: string;
  personOf(memberId: string): ChatPerson;
  actions: Omit<MessageActions, 'jumpTo'>;
  /** a message to show (from a search result): loaded if need be, scrolled to and highlighted */
  jumpSeq: number | null;
  onJumped(): void;
}

type Row = { key: string; message: ChatMessage | null; pending: PendingMessage | null; senderMemberId: string; createdAt: string };

/** Near the top this far, the page before is fetched; near the bottom this far, new messages keep it at the bottom. */
const EDGE_PX = 120;
const HIGHLIGHT_MS = 2_500;

/** The history, oldest at the top: grouped by sender, scrolled up to load older pages, kept at the bottom as messages arrive. */
export function MessageList({ orgId, conversation, window, pending, loadingOlder, loadOlder, myMemberId, personOf, actions, jumpSeq, onJumped }: Props) {
  const { t, formatDate } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const before = useRef<{ firstSeq: number; height: number; lastKey: string } | null>(null);
  const [highlight, setHighlight] = useState<number | null>(null);
  const messages = useMemo(() => window?.messages ?? [], [window]);

  const rows = useMemo<Row[]>(() => {
    const stored = new Set(messages.filter((message) => message.senderMemberId === myMemberId).map((message) => message.clientMessageId));
    return [
      ...messages.map((message) => ({ key: message.id, message, pending: null, senderMemberId: message.senderMemberId, createdAt: message.createdAt })),
      ...pending
        .filter((entry) => !stored.has(entry.clientMessageId))
        .map((entry) => ({ key: entry.clientMessageId, message: null, pending: entry, senderMemberId: myMemberId, createdAt: entry.createdAt })),
    ];
  }, [messages, pending, myMemberId]);

  const byId = useMemo(() => new Map(messages.map((message) => [message.id, message])), [messages]);
  const findMessage = useCallback((messageId: string) => byId.get(messageId), [byId]);
  const older = window ? hasOlder(window) : false;

  const scrollToBottom = () => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  };

  // keeps the reader's place: older pages go on top without moving what they look at; new messages follow only a reader at the bottom
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const firstSeq = messages[0]?.seq ?? 0;
    const lastRow = rows.at(-1);
    const lastKey = lastRow?.key ?? '';
    const previous = before.current;
    if (!previous) {
      if (jumpSeq === null) scrollToBottom();
    } else if (firstSeq < previous.firstSeq && previous.firstSeq > 0) {
      element.scrollTop += element.scrollHeight - previous.height;
    } else if (lastKey !== previous.lastKey && (atBottom.current || lastRow?.pending)) {
      scrollToBottom();
    }
    before.current = { firstSeq, height: element.scrollHeight, lastKey };
  }, [rows, messages, jumpSeq]);

  // pictures load after their message is placed: a reader at the bottom stays there
  useEffect(() => {
    const inner = content.current;
    if (!inner || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) scrollToBottom();
      if (scroller.current) before.current = before.current && { ...before.current, height: scroller.current.scrollHeight };
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  // a short chat that does not fill the view cannot be scrolled up: fetch older pages until it does
  useEffect(() => {
    const element = scroller.current;
    if (element && older && !loadingOlder && element.scrollHeight <= element.clientHeight + EDGE_PX) void loadOlder();
  }, [older, loadingOlder, loadOlder, rows.length]);

  // a search result: load back to it, then show it
  useEffect(() => {
    if (jumpSeq === null || !window) return;
    const first = messages[0]?.seq ?? 0;
    if (messages.length && first > jumpSeq && older) {
      void loadOlder(jumpSeq);
      return;
    }
    const target = scroller.current?.querySelector(`[data-seq="${jumpSeq}"]`);
    if (target) {
      target.scrollIntoView({ block: 'center' });
      atBottom.current = false;
      setHighlight(jumpSeq);
    }
    onJumped();
  }, [jumpSeq, window, messages, older, loadOlder, onJumped]);

  useEffect(() => {
    if (highlight === null) return;
    const timer = setTimeout(() => setHighlight(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlight]);

  const jumpTo = useCallback(
    (messageId: string) => {
      const target = byId.get(messageId);
      if (!target) return;
      scroller.current?.querySelector(`[data-seq="${target.seq}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      setHighlight(target.seq);
    },
    [byId],
  );

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < EDGE_PX;
    if (element.scrollTop < EDGE_PX && older && !loadingOlder) void loadOlder();
  };

  return (
    <div ref={scroller} onScroll={onScroll} style={{ flex: 1, overflowY: 'auto', minHeight: 0 }} data-testid="chat-messages">
      <div ref={content} style={{ paddingBottom: 8 }}>
        {loadingOlder && (
          <div style={{ textAlign: 'center', padding: 8 }}>
            <Spin size="small" />
          </div>
        )}
        {window && !older && rows.length > 0 && (
          <Divider plain style={{ fontSize: 12, color: '#999' }} data-testid="chat-history-start">
            {t('chat.historyStart')}
          </Divider>
        )}
        {window && rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chat.sayHello')} style={{ marginTop: 64 }} />}
        {rows.map((row, index) => {
          const previous = rows[index - 1];
          const newDay = !previous || new Date(previous.createdAt).toDateString() !== new Date(row.createdAt).toDateString();
          return (
            <Fragment key={row.key}>
              {newDay && (
                <Divider plain style={{ fontSize: 12, color: '#999', margin: '12px 0 4px' }}>
                  {formatDate(row.createdAt)}
                </Divider>
              )}
              <MessageItem
                orgId={orgId}
                message={row.message}
                pending={row.pending}
                first={newDay || !sameGroup(previous, row)}
                highlighted={row.message !== null && row.message.seq === highlight}
                kind={conversation.kind}
                myRole={conversation.myRole}
                myMemberId={myMemberId}
                personOf={personOf}
                findMessage={findMessage}
                actions={{ ...actions, jumpTo }}
              />
            </Fragment>
          );
        })}
      </div>
    </div>
  );
}
