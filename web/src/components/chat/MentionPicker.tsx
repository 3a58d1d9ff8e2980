import { Flex, Typography } from 'antd';
import type { ChatParticipant } from '../../api/chat';
import type { ChatPerson } from '../../chat/use-chat-people';
import { useI18n } from '../../i18n/context';
import { MemberAvatar } from '../org/MemberAvatar';

interface Props {
  people: ChatParticipant[];
  active: number;
  onPick(person: ChatParticipant): void;
  personOf(memberId: string): ChatPerson;
}

/** The people of the chat whose name matches what follows the @; arrows move, Enter or a click picks. */
export function MentionPicker({ people, active, onPick, personOf }: Props) {
  const { t } = useI18n();
  return (
    <div role="listbox" aria-label={t('chat.mentionSomeone')} className="chat-mention-picker" data-testid="chat-mention-picker">
      {people.map((person, index) => (
        <Flex
          key={person.memberId}
          role="option"
          aria-selected={index === active}
          align="center"
          gap={8}
          // mousedown, not click: the text field must not lose its caret first
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(person);
          }}
          className={index === active ? 'chat-mention-option chat-mention-option-active' : 'chat-mention-option'}
          data-testid="chat-mention-option"
        >
          <MemberAvatar member={{ name: person.name, avatarUrl: personOf(person.memberId).avatarUrl }} size={24} />
          <Typography.Text>{person.name}</Typography.Text>
        </Flex>
      ))}
    </div>
  );
}
