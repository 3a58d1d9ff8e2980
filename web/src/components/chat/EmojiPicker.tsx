import { Button, Flex } from 'antd';
import { COMMON_EMOJIS } from '../../chat/chat-format';
import { useI18n } from '../../i18n/context';

/** The common reactions, one click each. */
export function EmojiPicker({ onPick }: { onPick(emoji: string): void }) {
  const { t } = useI18n();
  return (
    <Flex wrap gap={2} style={{ width: 200 }} role="group" aria-label={t('chat.react')} data-testid="chat-emoji-picker">
      {COMMON_EMOJIS.map((emoji) => (
        <Button key={emoji} type="text" onClick={() => onPick(emoji)} style={{ fontSize: 18, width: 36, height: 36, padding: 0 }} data-testid="chat-emoji" data-emoji={emoji}>
          {emoji}
        </Button>
      ))}
    </Flex>
  );
}
