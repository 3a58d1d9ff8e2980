import type { ChatMessage } from '../api/chat';
import {
  addToWindow,
  applyMyRead,
  applyNewMessage,
  applyUpdatedMessage,
  contactsChanged,
  conversationChanged,
  conversationLeft,
  heldWindows,
  messageWindow,
  refreshAfterReconnect,
} from './chat-cache';
import { myMemberId, orgOf } from './conversation-index';
import { contiguousEnd } from './message-window';
import { realtime } from './realtime-connection';
import type { ServerFrame } from './realtime-client';
import { handleAck, handleSendError, requestSync, resendWaiting, settledByEvent } from './sending';
import { heardTyping, stoppedTyping } from './typing';

/**
 * Routes every frame of the realtime socket into the cache, the outbox and the typing store.
 * Installed once per tab; the pages only read the cache.
 */
let installed = false;
let connectedBefore = false;

export function installRealtimeDispatch(): void {
  if (installed) return;
  installed = true;
  realtime.onFrame(dispatch);
}

function dispatch(frame: ServerFrame): void {
  switch (frame.type) {
    case 'hello':
      resume();
      return;
    case 'ack':
      handleAck(frame as unknown as Parameters<typeof handleAck>[0]);
      return;
    case 'error':
      if (typeof frame.ref === 'string') handleSendError(frame.ref, { code: String(frame.code), message: String(frame.message ?? frame.code) });
      return;
    case 'history':
      history(frame as unknown as { conversationId: string; messages: ChatMessage[]; more: boolean });
      return;
    case 'message':
      newMessage(frame.message as ChatMessage);
      return;
    case 'message_updated': {
      const message = frame.message as ChatMessage;
      const orgId = orgOf(message.conversationId);
      if (orgId) applyUpdatedMessage(orgId, message);
      return;
    }
    case 'read': {
      const { conversationId, memberId, seq } = frame as unknown as { conversationId: string; memberId: string; seq: number };
      const orgId = orgOf(conversationId);
      if (orgId && memberId === myMemberId(orgId)) applyMyRead(orgId, conversationId, seq);
      return;
    }
    case 'typing': {
      const { conversationId, memberId } = frame as unknown as { conversationId: string; memberId: string };
      heardTyping(conversationId, memberId);
      return;
    }
    case 'conversation_changed': {
      const conversationId = String(frame.conversationId);
      conversationChanged(orgOf(conversationId), conversationId);
      return;
    }
    case 'conversation_left': {
      const conversationId = String(frame.conversationId);
      const orgId = orgOf(conversationId);
      if (orgId) conversationLeft(orgId, conversationId);
      return;
    }
    case 'contacts_changed':
      contactsChanged();
      return;
  }
}

function newMessage(message: ChatMessage): void {
  stoppedTyping(message.conversationId, message.senderMemberId);
  settledByEvent(message);
  const orgId = orgOf(message.conversationId);
  if (!orgId) {
    // a chat this tab has not loaded: only the lists can show it
    conversationChanged(undefined, message.conversationId);
    return;
  }
  const held = messageWindow(orgId, message.conversationId);
  applyNewMessage(orgId, message);
  // a gap (a frame lost while reconnecting): ask for what lies between
  if (held && held.messages.length && message.seq > held.lastSeq + 1) requestSync(orgId, message.conversationId, contiguousEnd(held));
}

function history(frame: { conversationId: string; messages: ChatMessage[]; more: boolean }): void {
  const orgId = orgOf(frame.conversationId);
  if (!orgId) return;
  for (const message of frame.messages) settledByEvent(message);
  addToWindow(orgId, frame.conversationId, frame.messages, 'incoming');
  const last = frame.messages.at(-1);
  if (frame.more && last) requestSync(orgId, frame.conversationId, last.seq);
}

/** Connected (again): catch up every chat held from its last message, re-send what has no ack, and refresh the lists. */
function resume(): void {
  for (const { orgId, conversationId, window } of heldWindows()) requestSync(orgId, conversationId, contiguousEnd(window));
  resendWaiting();
  if (connectedBefore) refreshAfterReconnect();
  connectedBefore = true;
}
