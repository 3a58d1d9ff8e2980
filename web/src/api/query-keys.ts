/** One place for cache keys, so sign-out can drop everything that belongs to the person. */
export const queryKeys = {
  config: ['config'] as const,
  me: ['me'] as const,
  categories: ['catalogue', 'categories'] as const,
  products: (category: string, q: string) => ['catalogue', 'products', category, q] as const,
  product: (slug: string) => ['catalogue', 'product', slug] as const,
  privacyNotice: ['privacy', 'notice'] as const,
  outbox: ['dev', 'outbox'] as const,
  /** everything under this prefix is personal and is removed on sign-out */
  personal: ['personal'] as const,
  sessions: ['personal', 'sessions'] as const,
  securityEvents: ['personal', 'security-events'] as const,
  notices: ['personal', 'notices'] as const,
};
