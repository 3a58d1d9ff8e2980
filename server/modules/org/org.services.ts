import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Envelope } from '../../platform/crypto/envelope.ts';
import type { BlindIndex } from '../../platform/crypto/blind-index.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import type { RateCounters } from '../security/rate-limits.ts';
import type { EventBus } from '../../platform/bus/event-bus.ts';
import { OrgRepo } from './org.repo.ts';
import { OrgAccess } from './org-access.ts';
import { MemberRules } from './member-rules.ts';
import { OrganisationService } from './organisations.service.ts';
import { InvitationService } from './invitations.service.ts';
import { InvitationImportService } from './invitation-import.service.ts';
import { MemberService } from './members.service.ts';
import { DepartmentService } from './departments.service.ts';
import { CorrectionService } from './corrections.service.ts';
import { AuditLogService } from './audit-log.service.ts';
import { ContactGuesses } from './contact-guesses.ts';
import { ContactMatchService } from './contact-matches.service.ts';

export type OrgServices = ReturnType<typeof buildOrgServices>;

/** The organisation module's services, wired once. */
export function buildOrgServices(deps: {
  db: Kysely<Database>;
  envelope: Envelope;
  blindIndex: BlindIndex;
  notifier: Notifier;
  rateCounters: RateCounters;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  bus: EventBus;
}) {
  const repo = new OrgRepo(deps.db);
  const access = new OrgAccess(repo, deps.clock);
  const rules = new MemberRules(repo, deps.blindIndex, deps.envelope);
  const shared = { repo, access, envelope: deps.envelope, clock: deps.clock };
  const organisations = new OrganisationService({ ...shared, db: deps.db });
  const invitations = new InvitationService({ ...shared, db: deps.db, rules, notifier: deps.notifier, logger: deps.logger, publicUrl: deps.publicUrl });
  const imports = new InvitationImportService({ repo, access, invitations, rules, clock: deps.clock, logger: deps.logger });
  const members = new MemberService({ ...shared, db: deps.db, rules, bus: deps.bus });
  const departments = new DepartmentService({ repo, access, clock: deps.clock });
  const corrections = new CorrectionService({ ...shared, members, rules });
  const audit = new AuditLogService({ repo, access, envelope: deps.envelope });
  const contactMatches = new ContactMatchService({ repo, access, rules, members, guesses: new ContactGuesses(deps.rateCounters) });
  return { repo, access, rules, organisations, invitations, imports, members, departments, corrections, audit, contactMatches };
}
