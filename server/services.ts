import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './database.ts';
import type { Clock } from './platform/clock.ts';
import { Envelope } from './platform/crypto/envelope.ts';
import { BlindIndex } from './platform/crypto/blind-index.ts';
import { DerivedKeys } from './platform/crypto/derived-keys.ts';
import type { DialectProfile } from './platform/db/dialect-profile.ts';
import type { KeyStoreSchema } from './platform/crypto/keys.tables.ts';
import { DevOutbox } from './platform/notify/dev-outbox.ts';
import { Notifier } from './platform/notify/notifier.ts';
import { SmtpMailer } from './platform/notify/smtp-mailer.ts';
import { smsGatewayFrom } from './platform/notify/sms-gateway.ts';
import type { Courier } from './platform/notify/message.ts';
import { IdentityRepo } from './modules/identity/identity.repo.ts';
import { AccountService } from './modules/identity/accounts.service.ts';
import { SessionService } from './modules/identity/sessions.service.ts';
import { SignInService } from './modules/identity/sign-in.service.ts';
import { SecurityRepo } from './modules/security/security.repo.ts';
import { SecurityService } from './modules/security/security.service.ts';
import { RateCounters } from './modules/security/rate-limits.ts';
import { CatalogRepo } from './modules/catalog/catalog.repo.ts';
import { CatalogService } from './modules/catalog/catalog.service.ts';
import { buildOrgServices } from './modules/org/org.services.ts';
import { ErasureService } from './modules/privacy/erasure.service.ts';
import { AccountErasure } from './modules/privacy/account-erasure.service.ts';
import { ExportService } from './modules/privacy/export.service.ts';
import { DataExportService, EXPORT_BUILD_JOB, EXPORT_EXPIRY_JOB } from './modules/privacy/data-export.service.ts';
import { BackupLedger } from './platform/db/backup-ledger.ts';
import { PolicyService } from './modules/privacy/policy.service.ts';
import { ConsentService } from './modules/privacy/consent.service.ts';
import { DecommissionService } from './modules/privacy/decommission.service.ts';
import { PrivacyRequestService } from './modules/privacy/privacy-requests.service.ts';
import { GUARDIAN_EXPIRY_JOB, GuardianService } from './modules/privacy/guardian.service.ts';
import { GuardianRequestService } from './modules/privacy/guardian-request.service.ts';
import { CancellationService } from './modules/privacy/cancellation.service.ts';
import { RetentionService } from './modules/privacy/retention.service.ts';
import { JobRunner } from './platform/jobs/job-runner.ts';
import { ERASE_ACCOUNT_JOB } from './modules/identity/accounts.service.ts';
import { DAY, HOUR, MINUTE } from './platform/clock.ts';
import { CONTACT_INDEX_ROTATION_JOB, ContactIndexRotation } from './modules/privacy/contact-index-rotation.ts';

const RETENTION_JOB = 'retention.daily';
const REQUEST_REMINDER_JOB = 'privacy_requests.remind';
import { ReceiptSigner } from './platform/crypto/receipt-signer.ts';
import type { EventBus } from './platform/bus/event-bus.ts';
import { ChatRepo } from './modules/chat/chat.repo.ts';
import { MessageWriter, type MessageWriting } from './modules/chat/message-writer.ts';
import { MessageWriterThread } from './modules/chat/message-writer-thread.ts';
import { ConversationService } from './modules/chat/conversations.service.ts';
import { MessageService } from './modules/chat/messages.service.ts';
import { RealtimeGateway } from './modules/chat/realtime-gateway.ts';
import { AttachmentService, FORGET_PHOTO_PLACES_JOB, UNSENT_ATTACHMENTS_JOB } from './modules/chat/attachments.service.ts';
import { LocalDiskBlobs } from './platform/blobs/local-disk-blobs.ts';
import { ContactsRepo } from './modules/contacts/contacts.repo.ts';
import { ContactsSpace } from './modules/contacts/contacts-space.ts';
import { ContactsService } from './modules/contacts/contacts.service.ts';
import path from 'node:path';

export interface ServiceDeps {
  config: Config;
  clock: Clock;
  db: Kysely<Database>;
  keystore: Kysely<KeyStoreSchema>;
  profile: DialectProfile;
  /** the key store's; a writer thread opens its own connection to it */
  keystoreProfile?: DialectProfile;
  kek: Buffer;
  logger: Logger;
  /** fan-out of chat events between server processes (memory in one process, Redis across several) */
  bus: EventBus;
  /** replaces the configured couriers (tests capture messages this way) */
  couriers?: { email?: Courier; sms?: Courier };
}

export type Services = ReturnType<typeof buildServices>;

/** Wires the domain services once; the HTTP layer and the CLI both start from here. */
export function buildServices(deps: ServiceDeps) {
  const { config, clock, db } = deps;
  const keys = new DerivedKeys(deps.kek);
  const envelope = new Envelope(deps.keystore, deps.kek, clock);
  // file contents, sealed, under internal ids (local disk: the embedded default)
  const blobs = new LocalDiskBlobs(path.join(config.dataDir, 'blobs'));
  // email and phone indexes under epoch keys in the key store, replaced after erasures (decision 0016)
  const blindIndex = new BlindIndex({ keystore: deps.keystore, envelope, clock, legacyKey: keys.blindIndex,
    mayHoldLegacyRows: async () => (await db.selectFrom('account').select('id').limit(1).executeTakeFirst()) !== undefined,
  });
  const outbox = config.devMode ? new DevOutbox(clock) : null;
  const couriers = deps.couriers ?? {
    email: config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : undefined,
    sms: config.smsProvider ? smsGatewayFrom(config.smsProvider) : undefined,
  };
  const notifier = new Notifier({ ...couriers, outbox: outbox ?? undefined });
  const rateCounters = new RateCounters(db, clock, keys.blindIndex);

  const jobs = new JobRunner(db, clock, deps.logger);
  const security = new SecurityService({ repo: new SecurityRepo(db), envelope, blindIndex, clock, rateCounters });
  // the operator's staff are those the privacy requests' queue answers to (wired below)
  const policy = new PolicyService({ db, clock, security, isOperator: (account): Promise<boolean> => privacyRequests.isOperator(account) });
  const consents = new ConsentService({
    db,
    clock,
    policy,
    jobs,
    deleteOnWithdrawal: { 'directory.match_contacts': null, 'chat.photo_location': FORGET_PHOTO_PLACES_JOB },
  });
  const identityRepo = new IdentityRepo(db);
  const accounts = new AccountService({ repo: identityRepo, envelope, blindIndex, clock, security, jobs, bus: deps.bus });
  const sessions = new SessionService({ repo: identityRepo, envelope, clock, config, csrfKey: keys.csrf, security, bus: deps.bus });
  const signIn = new SignInService({
    db,
    repo: identityRepo,
    accounts,
    sessions,
    security,
    envelope,
    blindIndex,
    rateCounters,
    notifier,
    clock,
    config,
    otpKey: keys.otp,
    logger: deps.logger,
    signUpPolicy: {
      check: (shownVersionId) => policy.versionAcceptedAtSignUp(shownVersionId),
      record: (account, versionId, language, executor) => policy.recordSignUpAcceptance(account, versionId, language, executor),
    },
    onChildSignUp: async (child, guardianIdentifier, locale) => {
      await guardians.requestConsent(child, guardianIdentifier, locale);
    },
  });
  const catalog = new CatalogService(new CatalogRepo(db));
  const publicUrl = config.publicOrigin ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const org = buildOrgServices({ db, envelope, blindIndex, notifier, rateCounters, clock, logger: deps.logger, publicUrl, bus: deps.bus });

  const receiptSigner = new ReceiptSigner(keys.receiptSigningSeed);
  const backups = new BackupLedger(deps.keystore, clock, config.backupRetentionDays);
  const contactIndexRotation = new ContactIndexRotation({ db, keystore: deps.keystore, envelope, blindIndex, clock, logger: deps.logger });
  jobs.register(CONTACT_INDEX_ROTATION_JOB, async () => {
    await contactIndexRotation.run();
  });
  jobs.every(CONTACT_INDEX_ROTATION_JOB, MINUTE);
  const erasure = new ErasureService({
    db,
    blindIndex,
    blobs,
    keystore: deps.keystore,
    profile: deps.profile,
    envelope,
    signer: receiptSigner,
    backups,
    pseudonymKey: keys.pseudonym,
    clock,
    logger: deps.logger,
    bus: deps.bus,
  });

  const personalData = new ExportService({ db, envelope, blobs, clock });
  const decommission = new DecommissionService({ blobs, db, keystore: deps.keystore, profile: deps.profile, envelope, erasure, signer: receiptSigner, clock, logger: deps.logger });
  const accountErasure = new AccountErasure({ accounts, erasure, notifier, logger: deps.logger, publicUrl });
  const cancellation = new CancellationService({ accounts, signIn, accountErasure, notifier, clock, config, logger: deps.logger });
  const retention = new RetentionService({ db, envelope, blobs, clock, logger: deps.logger });
  jobs.register(ERASE_ACCOUNT_JOB, (job) => cancellation.eraseWhenDue(job));
  jobs.register(RETENTION_JOB, async () => {
    await retention.run();
    await backups.prune();
  });
  const dataExports = new DataExportService({ db, envelope, personalData, retention, jobs, clock, logger: deps.logger, linkHours: config.exportLinkHours });
  jobs.register(EXPORT_BUILD_JOB, (job) => dataExports.build(job));
  jobs.register(EXPORT_EXPIRY_JOB, async () => {
    await dataExports.removeExpired();
  });
  jobs.every(RETENTION_JOB, DAY);
  const guardians = new GuardianService({
    db,
    envelope,
    blindIndex,
    accounts,
    erasure,
    dataExports,
    notifier,
    jobs,
    clock,
    logger: deps.logger,
    codeKey: keys.otp,
    publicUrl,
  });
  jobs.register(GUARDIAN_EXPIRY_JOB, (job) => guardians.expireWhenDue(job));
  const guardianRequests = new GuardianRequestService({
    db,
    envelope,
    blindIndex,
    accounts,
    rateCounters,
    notifier,
    clock,
    config,
    logger: deps.logger,
    codeKey: keys.otp,
    publicUrl,
  });
  const privacyRequests = new PrivacyRequestService({
    db,
    envelope,
    blindIndex,
    signIn,
    security,
    notifier,
    clock,
    config,
    logger: deps.logger,
    accounts,
    accountErasure,
    dataExports,
    // corrections of what an employer manages go to its own queue, as the member's request (P8.2)
    employers: {
      of: async (account) => (await org.organisations.mine(account)).map((row) => ({ id: row.id, name: row.name })),
      name: async (orgId) => (await org.repo.organisation(orgId))?.name ?? null,
      fileCorrection: async (account, orgId, correction) => (await org.corrections.request(await org.access.enter(account, orgId), correction)).row.id,
    },
  });
  jobs.register(REQUEST_REMINDER_JOB, async () => {
    await privacyRequests.remindDue();
  });
  jobs.every(REQUEST_REMINDER_JOB, DAY);

  const chatRepo = new ChatRepo(db, deps.profile.messageSearch);
  // SQLite commits block the thread that makes them: messages are then written in a thread of their own
  const messageWriter: MessageWriting =
    deps.profile.threadConnection && deps.keystoreProfile?.threadConnection
      ? new MessageWriterThread({ database: deps.profile.threadConnection, keystore: deps.keystoreProfile.threadConnection, kek: deps.kek, logger: deps.logger })
      : new MessageWriter({ db, envelope });
  const conversations: ConversationService = new ConversationService({
    repo: chatRepo,
    envelope,
    bus: deps.bus,
    clock,
    names: (orgId, ids) => org.members.names(orgId, ids),
    contactsAmong: (ctx, ids) => contacts.among(ctx, ids),
  });
  const contacts: ContactsService = new ContactsService({
    repo: new ContactsRepo(db),
    space: new ContactsSpace({ db, repo: org.repo, envelope, clock }),
    accounts,
    conversations,
    rateCounters,
    bus: deps.bus,
    clock,
    names: (orgId, ids) => org.members.names(orgId, ids),
  });
  const attachments = new AttachmentService({
    repo: chatRepo,
    envelope,
    blobs,
    clock,
    keepsPhotoLocation: (accountId) => consents.granted(accountId, 'chat.photo_location'),
  });
  jobs.register(UNSENT_ATTACHMENTS_JOB, async () => {
    await attachments.deleteUnsent();
  });
  jobs.every(UNSENT_ATTACHMENTS_JOB, HOUR);
  // the withdrawal's moment is the job's: photos sent after a new grant keep their place
  jobs.register(FORGET_PHOTO_PLACES_JOB, async (job) => {
    if (job.subject_account_id) await attachments.forgetPlaces(job.subject_account_id, job.created_at);
  });
  const messages = new MessageService({ repo: chatRepo, writer: messageWriter, envelope, bus: deps.bus, clock, attachments });
  const realtime = new RealtimeGateway({ bus: deps.bus, repo: chatRepo, messages, sessions, logger: deps.logger });
  realtime.start();

  return { ...deps, contactIndexRotation, blobs, attachments, conversations, contacts, messages, messageWriter, realtime, envelope, blindIndex, outbox, notifier, rateCounters, security, accounts, sessions, signIn, catalog, org, erasure, accountErasure, receiptSigner, personalData, dataExports, backups, cancellation, retention, jobs, policy, privacyRequests, guardians, guardianRequests, consents, decommission };
}
