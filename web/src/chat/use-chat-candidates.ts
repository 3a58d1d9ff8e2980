import { useMemo } from 'react';
import { useContacts } from '../api/contacts';
import { useMembers } from '../api/members';
import type { ChatSpace } from './chat-space';

/** Someone a chat can be started with, or a group grown by. */
export interface ChatCandidate {
  memberId: string;
  name: string;
  /** what the pickers show: the name, with the position in an organisation */
  label: string;
  avatarUrl: string | null;
}

/**
 * The people I may chat with in a space: in an organisation its directory, in the contacts space
 * my contacts (the server refuses anyone else there, and has no directory of it to ask).
 */
export function useChatCandidates(space: ChatSpace): { people: ChatCandidate[] | undefined; loading: boolean } {
  const inOrganisation = space.kind === 'organisation';
  const members = useMembers(space.id, {}, inOrganisation);
  const contacts = useContacts(!inOrganisation);
  // one array per answer, so that what is built from it is not rebuilt on every render
  const people = useMemo(
    () =>
      inOrganisation
        ? members.data?.map((member) => ({
            memberId: member.id,
            name: member.name,
            label: member.position ? `${member.name} · ${member.position}` : member.name,
            avatarUrl: member.avatarUrl,
          }))
        : contacts.data?.contacts.map((contact) => ({ memberId: contact.id, name: contact.name, label: contact.name, avatarUrl: null })),
    [inOrganisation, members.data, contacts.data],
  );
  return { people, loading: inOrganisation ? members.isPending : contacts.isPending };
}
