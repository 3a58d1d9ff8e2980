import { useCallback, useMemo } from 'react';
import type { ChatParticipant } from '../api/chat';
import { useMembers } from '../api/members';

export interface ChatPerson {
  memberId: string;
  name: string;
  avatarUrl: string | null;
  /** erased, or no longer in the organisation */
  gone: boolean;
}

/**
 * Names for member ids: the chat's participants first (they include people who left the
 * organisation), then the directory (people who left the chat but wrote in it earlier).
 */
export function useChatPeople(orgId: string, participants: readonly ChatParticipant[] = []) {
  const directory = useMembers(orgId);
  const people = useMemo(() => {
    const byId = new Map<string, ChatPerson>();
    for (const member of directory.data ?? []) byId.set(member.id, { memberId: member.id, name: member.name, avatarUrl: member.avatarUrl, gone: false });
    for (const participant of participants) {
      const known = byId.get(participant.memberId);
      byId.set(participant.memberId, { memberId: participant.memberId, name: participant.name || known?.name || '', avatarUrl: known?.avatarUrl ?? null, gone: participant.gone });
    }
    return byId;
  }, [directory.data, participants]);
  return useCallback((memberId: string): ChatPerson => people.get(memberId) ?? { memberId, name: '', avatarUrl: null, gone: true }, [people]);
}
