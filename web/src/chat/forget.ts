import { forgetConversations } from './conversation-index';
import { outbox } from './outbox';
import { closeRealtime } from './realtime-connection';
import { forgetSending } from './sending';

/** Sign-out: the connection closes and nothing of the person's chats stays in memory. */
export function forgetChats(): void {
  closeRealtime();
  outbox.clear();
  forgetSending();
  forgetConversations();
}
