import { useQuery } from '@tanstack/react-query';
import type { Contact, ContactsOverview } from '../../../common/contacts.ts';
import type { ConversationDetail } from '../../../common/chat.ts';
import { api } from './client';
import { queryKeys } from './query-keys';

// The wire contract is shared with the server (common/contacts.ts, decision 0012).
export type { Contact, ContactsOverview, IncomingContactRequest } from '../../../common/contacts.ts';

export function useContacts(enabled = true) {
  return useQuery({
    queryKey: queryKeys.contacts,
    queryFn: ({ signal }) => api.get<ContactsOverview>('/api/contacts', undefined, signal),
    enabled,
    // the realtime socket's contacts_changed refreshes this only where it is open (an organisation's
    // pages, the contacts' chats); elsewhere the header badge asks again every minute and on coming back to the tab
    refetchInterval: enabled ? 60_000 : false,
    refetchOnWindowFocus: true,
    staleTime: 30_000,
  });
}

/** Always answered alike, whether or not anyone uses that number or address. */
export function sendContactRequest(identifier: string) {
  return api.post<{ sent: true }>('/api/contacts/requests', { identifier });
}

export function acceptContactRequest(requestId: string) {
  return api.post<{ spaceId: string; contact: Contact }>(`/api/contacts/requests/${encodeURIComponent(requestId)}/accept`);
}

export function declineContactRequest(requestId: string) {
  return api.post<void>(`/api/contacts/requests/${encodeURIComponent(requestId)}/decline`);
}

/** Ends the contact for both; our direct chat stays readable but takes no new messages. */
export function removeContact(contactId: string) {
  return api.delete<void>(`/api/contacts/${encodeURIComponent(contactId)}`);
}

/** The direct chat with a contact, opened the first time (or reopened after we became contacts again). */
export function openContactChat(contactId: string) {
  return api.post<{ spaceId: string; conversation: ConversationDetail }>(`/api/contacts/${encodeURIComponent(contactId)}/chat`);
}
