/** Who may do what in a chat. */
export const MAX_GROUP_MEMBERS = 5_000;

/** Renaming a group, changing its picture, removing people and recalling others' messages: the owner and admins. */
export function mayManageGroup(role: string): boolean {
  return role === 'owner' || role === 'admin';
}

/** The sender may recall their own message; in a group the owner and admins may recall anyone's. */
export function mayRecall(role: string, kind: string, isSender: boolean): boolean {
  return isSender || (kind === 'group' && mayManageGroup(role));
}
