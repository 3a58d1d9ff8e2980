/**
 * Realtime events name a chat but not its organisation, while the cache is keyed by organisation.
 * Every chat the client has loaded is remembered here with its organisation, and every
 * organisation with the person's own member id in it (to tell their own messages and reads).
 */
const orgOfConversation = new Map<string, string>();
const myMemberIdInOrg = new Map<string, string>();

export function rememberConversation(conversationId: string, orgId: string): void {
  orgOfConversation.set(conversationId, orgId);
}

export function orgOf(conversationId: string): string | undefined {
  return orgOfConversation.get(conversationId);
}

export function rememberMyMemberId(orgId: string, memberId: string): void {
  myMemberIdInOrg.set(orgId, memberId);
}

export function myMemberId(orgId: string): string | undefined {
  return myMemberIdInOrg.get(orgId);
}

/** On sign-out nothing of the person stays behind. */
export function forgetConversations(): void {
  orgOfConversation.clear();
  myMemberIdInOrg.clear();
}
