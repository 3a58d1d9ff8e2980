import { useCallback, useMemo } from 'react';
import type { ChatParticipant } from '../api/chat';
import type { ChatSpace } from './chat-space';
import { useChatCandidates } from './use-chat-candidates';

export interface ChatPerson {
  memberId: string;
  name: string;
  avatarUrl: string | null;
  /** erased, or no longer in the organisation */
  gone: boolean;
}

/**
 * Names for member ids: the chat's participants first (they include people who left the
 * organisation), then the directory, or my contacts in the contacts space (people who left the
 * chat but wrote in it earlier).
 */
export function useChatPeople(space: ChatSpace, participants: readonly ChatParticipant[] = []) {
  const { people: known } = useChatCandidates(space);
  const people = useMemo(() => {
    const byId = new Map<string, ChatPerson>();
    for (const person of known ?? []) byId.set(person.memberId, { memberId: person.memberId, name: person.name, avatarUrl: person.avatarUrl, gone: false });
    for (const participant of participants) {
      const held = byId.get(participant.memberId);
      byId.set(participant.memberId, { memberId: participant.memberId, name: participant.name || held?.name || '', avatarUrl: held?.avatarUrl ?? null, gone: participant.gone });
    }
    return byId;
  }, [known, participants]);
  return useCallback((memberId: string): ChatPerson => people.get(memberId) ?? { memberId, name: '', avatarUrl: null, gone: true }, [people]);
}
