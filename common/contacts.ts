/**
 * Contacts between individual accounts (P2.5) as the HTTP API presents them (decision 0012).
 * A contact's `id` is their member id in the contacts space, the id chats between contacts use.
 */
export interface Contact {
  id: string;
  name: string;
  /** when the two became contacts */
  since: string;
}

/** A request someone sent me; who sent it is shown by name and masked phone or email. */
export interface IncomingContactRequest {
  id: string;
  name: string;
  /** the requester's phone or email, masked (P7.2): enough to recognise, not to copy */
  hint: string;
  sentAt: string;
}

export interface ContactsOverview {
  /** the contacts space's id, the organisation id of chats between contacts; null until one's first contact */
  spaceId: string | null;
  /** my own member id in the contacts space (who I am in its chats); null until my first contact */
  myMemberId: string | null;
  contacts: Contact[];
  incoming: IncomingContactRequest[];
}
