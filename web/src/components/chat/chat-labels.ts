import type { ChatMessage, ConversationSummary } from '../../api/chat';
import type { ChatPerson } from '../../chat/use-chat-people';
import type { I18n } from '../../i18n/context';

/** A direct chat is called after the colleague, a group by its name. */
export function chatTitle(conversation: Pick<ConversationSummary, 'kind' | 'name' | 'peer'>, t: I18n['t']): string {
  if (conversation.kind === 'group') return conversation.name || t('chat.unnamedGroup');
  if (!conversation.peer || conversation.peer.gone || !conversation.peer.name) return t('chat.formerColleague');
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

export function senderName(memberId: string, myMemberId: string, personOf: (memberId: string) => ChatPerson, t: I18n['t']): string {
  if (memberId === myMemberId) return t('chat.you');
  const person = personOf(memberId);
  return person.name || t('chat.formerColleague');
}

export function previewText(conversation: ConversationSummary, myMemberId: string, personOf: (memberId: string) => ChatPerson, t: I18n['t']): string {
  const last = conversation.lastMessage;
  if (!last) return t('chat.noMessagesYet');
  const summary = messageSummary(last, t);
  const showSender = conversation.kind === 'group' || last.senderMemberId === myMemberId;
  return showSender && last.state !== 'recalled' ? `${senderName(last.senderMemberId, myMemberId, personOf, t)}: ${summary}` : summary;
}
