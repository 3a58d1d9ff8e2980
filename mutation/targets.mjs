// The files that enforce the policy, each with the tests that stand behind it. A mutant in a file
// is run only against these tests (and of those, only the ones that reach the mutated line):
// running the whole suite for each of thousands of mutants would take days on two cores.
// The integration tests run on SQLite here; the PostgreSQL run of the same tests is CI's job.
export const targets = [
  { area: 'sign-in and codes', file: 'server/modules/identity/sign-in.service.ts', tests: ['server/modules/identity/sign-in.int.test.ts', 'server/modules/identity/sign-in-concurrency.int.test.ts', 'server/modules/privacy/guardian.int.test.ts'] },
  { area: 'sign-in and codes', file: 'server/modules/identity/identity.repo.ts', tests: ['server/modules/identity/sign-in.int.test.ts', 'server/modules/identity/sign-in-concurrency.int.test.ts', 'server/modules/identity/sessions.int.test.ts'] },
  { area: 'sessions and cookies', file: 'server/modules/identity/sessions.service.ts', tests: ['server/modules/identity/sessions.int.test.ts', 'server/modules/identity/sign-in.int.test.ts', 'test/lost-access.int.test.ts'] },
  { area: 'sessions and cookies', file: 'server/modules/identity/authentication.ts', tests: ['server/modules/identity/sessions.int.test.ts', 'server/modules/identity/sign-in.int.test.ts', 'test/http-contract.int.test.ts'] },
  { area: 'envelope and blind index', file: 'server/platform/crypto/envelope.ts', tests: ['server/platform/crypto/envelope.unit.test.ts', 'server/modules/privacy/erasure.int.test.ts', 'test/at-rest-canary.int.test.ts'] },
  { area: 'envelope and blind index', file: 'server/platform/crypto/blind-index.ts', tests: ['server/modules/privacy/contact-index-rotation.int.test.ts', 'server/modules/privacy/erasure.int.test.ts', 'server/modules/identity/sign-in.int.test.ts'] },
  { area: 'erasure', file: 'server/modules/privacy/erasure.service.ts', tests: ['server/modules/privacy/erasure.int.test.ts', 'server/modules/privacy/cancellation.int.test.ts', 'server/cli/erase-person.int.test.ts'] },
  { area: 'export', file: 'server/modules/privacy/export.service.ts', tests: ['server/modules/privacy/export.int.test.ts'] },
  { area: 'export', file: 'server/modules/privacy/data-export.service.ts', tests: ['server/modules/privacy/data-export.int.test.ts', 'server/modules/privacy/privacy-request-outcomes.int.test.ts'] },
  { area: 'consent', file: 'server/modules/privacy/consent.service.ts', tests: ['server/modules/privacy/consent.int.test.ts', 'server/modules/chat/photo-location.int.test.ts'] },
  { area: 'masking', file: 'common/masking.ts', tests: ['common/masking.unit.test.ts', 'server/modules/org/directory.int.test.ts', 'server/modules/org/contact-matches.int.test.ts'] },
  { area: 'organisation access', file: 'server/modules/org/org.policy.ts', tests: ['server/modules/org/directory.int.test.ts', 'server/modules/org/contact-matches.int.test.ts', 'test/lost-access.int.test.ts', 'test/tenant-isolation.int.test.ts'] },
  { area: 'organisation access', file: 'server/modules/org/org-access.ts', tests: ['test/lost-access.int.test.ts', 'test/tenant-isolation.int.test.ts', 'server/modules/org/directory.int.test.ts'] },
  { area: 'realtime gateway', file: 'server/modules/chat/realtime-gateway.ts', tests: ['server/modules/chat/realtime.int.test.ts', 'server/modules/chat/realtime-access.int.test.ts', 'test/realtime-isolation.int.test.ts'] },
  { area: 'guardians', file: 'server/modules/privacy/guardian.service.ts', tests: ['server/modules/privacy/guardian.int.test.ts'] },
  { area: 'guardians', file: 'server/modules/privacy/guardian-request.service.ts', tests: ['server/modules/privacy/guardian-request.int.test.ts', 'server/modules/privacy/guardian.int.test.ts'] },
];
