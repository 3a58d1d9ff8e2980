import type { ChatMessage, ConversationSummary } from '../../api/chat';
import type { ChatSpace } from '../../chat/chat-space';
import type { ChatPerson } from '../../chat/use-chat-people';
import type { I18n } from '../../i18n/context';

/**
 * Someone erased or no longer there: a former colleague in an organisation; between contacts,
 * who were never colleagues, only a deleted account.
 */
export function goneName(space: ChatSpace['kind'], t: I18n['t']): string {
  return space === 'contacts' ? t('chat.deletedAccount') : t('chat.formerColleague');
}

/** A direct chat is called after the other person, a group by its name. */
export function chatTitle(conversation: Pick<ConversationSummary, 'kind' | 'name' | 'peer'>, space: ChatSpace['kind'], t: I18n['t']): string {
  if (conversation.kind === 'group') return conversation.name || t('chat.unnamedGroup');
  if (!conversation.peer || conversation.peer.gone || !conversation.peer.name) return goneName(space, t);
  return conversation.peer.name;
}

/** A message in one line, for the chat list, quotes and search results: never the text of a recalled or erased message. */
export function messageSummary(message: ChatMessage, t: I18n['t']): string {
  if (message.state === 'recalled') return t('chat.recalled');
  if (message.state === 'erased' || message.text === null) return t('chat.erased');
  const text = message.text.replace(/\s+/g, ' ').trim();
  if (text) return text;
  const files = message.attachments;
  if (files.some((file) => file.image)) return t('chat.pictureShort');
  return files.length ? t('chat.fileShort', { name: files[0]!.name }) : '';
}

export function senderName(memberId: string, space: Pick<ChatSpace, 'kind' | 'myMemberId'>, personOf: (memberId: string) => ChatPerson, t: I18n['t']): string {
  if (memberId === space.myMemberId) return t('chat.you');
  return personOf(memberId).name || goneName(space.kind, t);
}

export function previewText(conversation: ConversationSummary, space: Pick<ChatSpace, 'kind' | 'myMemberId'>, personOf: (memberId: string) => ChatPerson, t: I18n['t']): string {
  const last = conversation.lastMessage;
  if (!last) return t('chat.noMessagesYet');
  const summary = messageSummary(last, t);
  const showSender = conversation.kind === 'group' || last.senderMemberId === space.myMemberId;
  return showSender && last.state !== 'recalled' ? `${senderName(last.senderMemberId, space, personOf, t)}: ${summary}` : summary;
}
