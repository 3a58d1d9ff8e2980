import { Typography } from 'antd';
import { useChatSpace } from '../../chat/chat-space';
import type { ChatPerson } from '../../chat/use-chat-people';
import { useTyping } from '../../chat/typing';
import { useI18n } from '../../i18n/context';
import { goneName } from './chat-labels';

/** "Alice is typing…", "Alice and Bob are typing…", "Several people are typing…". */
export function TypingIndicator({ conversationId, myMemberId, personOf }: { conversationId: string; myMemberId: string; personOf(memberId: string): ChatPerson }) {
  const { t } = useI18n();
  const { kind } = useChatSpace();
  const typing = useTyping(conversationId, myMemberId).map((memberId) => personOf(memberId).name || goneName(kind, t));
  const text =
    typing.length === 0 ? '' : typing.length === 1 ? t('chat.typingOne', { name: typing[0]! }) : typing.length === 2 ? t('chat.typingTwo', { first: typing[0]!, second: typing[1]! }) : t('chat.typingMany');
  return (
    <Typography.Text type="secondary" italic style={{ fontSize: 12, minHeight: 18, display: 'block' }} aria-live="polite" data-testid="chat-typing">
      {text}
    </Typography.Text>
  );
}
