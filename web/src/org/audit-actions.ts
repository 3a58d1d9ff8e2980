/** The actions the server records today; anything else is shown by its own name. */
export const auditActions = [
  'org.created',
  'settings.changed',
  'member.invited',
  'invitation.revoked',
  'invitation.accepted',
  'invitation.declined',
  'member.updated',
  'member.roleChanged',
  'member.removed',
  'contact.viewed',
  'contact.matched',
  'contact.guessesRefused',
  'department.created',
  'department.renamed',
  'department.moved',
  'department.deleted',
  'correction.approved',
  'correction.rejected',
  'import.started',
  'import.finished',
  'audit.exported',
] as const;
export type AuditAction = (typeof auditActions)[number];

export function isKnownAuditAction(action: string): action is AuditAction {
  return (auditActions as readonly string[]).includes(action);
}

/** Colours by weight: what changes who is in, or what someone could see, stands out. */
export const auditActionColours: Partial<Record<AuditAction, string>> = {
  'member.removed': 'red',
  'invitation.revoked': 'volcano',
  'member.roleChanged': 'magenta',
  'contact.viewed': 'orange',
  'contact.matched': 'orange',
  'contact.guessesRefused': 'red',
  'settings.changed': 'purple',
  'member.invited': 'blue',
  'invitation.accepted': 'green',
  'correction.approved': 'green',
  'correction.rejected': 'red',
  'audit.exported': 'gold',
};
