import type { Role } from '../../../common/org.ts';

/**
 * Who may do what inside an organisation. Owners may do everything; admins run the
 * organisation but cannot change who is an admin or touch the owner; members read the
 * directory and ask for corrections to their own record.
 */
export type OrgAction =
  | 'directory.read'
  | 'settings.change'
  | 'member.invite'
  | 'member.update'
  | 'member.remove'
  | 'member.grantAdmin'
  | 'department.manage'
  | 'correction.decide'
  | 'audit.read'
  | 'contact.revealAny';

const adminActions: ReadonlySet<OrgAction> = new Set([
  'directory.read',
  'settings.change',
  'member.invite',
  'member.update',
  'member.remove',
  'department.manage',
  'correction.decide',
  'audit.read',
  'contact.revealAny',
]);

export function allow(actor: { role: string }, action: OrgAction, target?: { role: string }): boolean {
  const role = actor.role as Role;
  // Nobody but the owner acts on the owner's record, roles included.
  if (target?.role === 'owner' && role !== 'owner' && action !== 'directory.read') return false;
  if (role === 'owner') return true;
  if (role === 'admin') {
    if (!adminActions.has(action)) return false;
    // removing an admin changes who is an admin: the owner's call
    return !(action === 'member.remove' && target?.role === 'admin');
  }
  return action === 'directory.read';
}

/**
 * The one rule for seeing a colleague's work email and phone in full (P7.2): admins always, members
 * only while the organisation shows full contact data. Every route that could turn a masked value
 * into a full one (the reveal, address-book matching, an address that collides) asks it.
 */
export function mayRevealContact(org: { contact_visibility: string }, actor: { role: string }): boolean {
  return org.contact_visibility === 'full' || allow(actor, 'contact.revealAny');
}

/**
 * What a route under /api/orgs/{orgId} needs beyond being an active member, published in the
 * OpenAPI document as `x-org-action` ('membership': being a member is enough). The lost-access
 * suite calls every such route as an ordinary member and holds its answer to `allow`, so a route
 * that forgets its `authorize` call, or declares nothing, fails there.
 */
export const orgRoute = (action: OrgAction | 'membership') => ({ 'x-org-action': action });
