/** One place for cache keys, so sign-out can drop everything that belongs to the person. */
export const queryKeys = {
  config: ['config'] as const,
  me: ['me'] as const,
  categories: ['catalogue', 'categories'] as const,
  products: (category: string, q: string) => ['catalogue', 'products', category, q] as const,
  product: (slug: string) => ['catalogue', 'product', slug] as const,
  privacyNotice: ['privacy', 'notice'] as const,
  outbox: ['dev', 'outbox'] as const,
  attestationText: ['attestation-text'] as const,
  /** everything under this prefix is personal and is removed on sign-out */
  personal: ['personal'] as const,
  sessions: ['personal', 'sessions'] as const,
  securityEvents: ['personal', 'security-events'] as const,
  notices: ['personal', 'notices'] as const,
  myInvitations: ['personal', 'invitations'] as const,
  organisations: ['personal', 'orgs'] as const,
  /** everything one organisation shows: an admin's change refreshes it all by this prefix */
  organisation: (orgId: string) => ['personal', 'orgs', orgId] as const,
  myMembership: (orgId: string) => ['personal', 'orgs', orgId, 'me'] as const,
  members: (orgId: string, q: string, departmentId: string) => ['personal', 'orgs', orgId, 'members', q, departmentId] as const,
  member: (orgId: string, memberId: string) => ['personal', 'orgs', orgId, 'member', memberId] as const,
  departments: (orgId: string) => ['personal', 'orgs', orgId, 'departments'] as const,
  orgInvitations: (orgId: string) => ['personal', 'orgs', orgId, 'invitations'] as const,
  invitationImport: (orgId: string, importId: string) => ['personal', 'orgs', orgId, 'imports', importId] as const,
  corrections: (orgId: string, scope: 'mine' | 'all', status: string) => ['personal', 'orgs', orgId, 'corrections', scope, status] as const,
  auditEvents: (orgId: string) => ['personal', 'orgs', orgId, 'audit-events'] as const,
};
