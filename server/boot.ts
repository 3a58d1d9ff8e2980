import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { loadKek } from './platform/crypto/kek.ts';
import path from 'node:path';
import { openDatabase, openKeyStore, type DatabaseHandle } from './platform/db/connect.ts';
import type { KeyStoreSchema } from './platform/crypto/keys.tables.ts';
import type { Courier } from './platform/notify/message.ts';
import { buildServices, type Services } from './services.ts';
import { seedDemoOrganisation } from './modules/org/demo-organisation.ts';
import { fileURLToPath } from 'node:url';
import { DerivedKeys } from './platform/crypto/derived-keys.ts';
import { MemoryBus } from './platform/bus/memory-bus.ts';
import { RedisBus } from './platform/bus/redis-bus.ts';
import type { EventBus } from './platform/bus/event-bus.ts';

const policyTexts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'modules', 'privacy', 'policy-texts');

export interface Platform {
  services: Services;
  database: DatabaseHandle;
  keystore: DatabaseHandle<KeyStoreSchema>;
  close(): Promise<void>;
}

/** config → key → database (migrated) → services → seeded catalogue. Shared by the server, the CLI and tests. */
export async function bootPlatform(options: {
  config: Config;
  logger: Logger;
  clock?: Clock;
  searchPath?: string;
  couriers?: { email?: Courier; sms?: Courier };
  /** seed the demo organisation into an empty database (development start only) */
  seedDemo?: boolean;
  /** publish the privacy policy shipped with the product into an empty policy table (a server start) */
  seedPolicy?: boolean;
}): Promise<Platform> {
  const { config } = options;
  const kek = loadKek(config);
  const searchPath = options.searchPath ?? config.databaseSchema ?? undefined;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, searchPath });
  const keystore = await openKeyStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    searchPath,
    keysDir: path.dirname(config.kekFile),
  });
  // With REDIS_URL, chat events reach the clients of every server process sharing the database.
  const bus: EventBus = config.redisUrl ? await RedisBus.connect(config.redisUrl, new DerivedKeys(kek).realtimeBus, options.logger) : new MemoryBus();
  const services = buildServices({
    config,
    bus,
    clock: options.clock ?? systemClock,
    db: database.db,
    keystore: keystore.db,
    profile: database.profile,
    keystoreProfile: keystore.profile,
    kek,
    logger: options.logger,
    couriers: options.couriers,
  });
  await services.catalog.seedIfEmpty();
  // Only a server start publishes the shipped policy: an operator's own first `policy publish` comes first.
  if (options.seedPolicy) await services.policy.seedIfEmpty(policyTexts);
  // A main database restored from a backup taken before an erasure gets that erasure again.
  const reapplied = await services.erasure.reapplyErasureLog();
  if (reapplied) options.logger.warn({ reapplied }, 're-applied erasures to a restored database');
  await services.contactIndexRotation.repairRestored();
  if (options.seedDemo && config.demoData) await seedDemoOrganisation(services);
  // An import cut short by a restart stays visible as interrupted; re-running the file is safe.
  await services.org.repo.markUnfinishedImportsInterrupted(services.clock.now());
  return {
    services,
    database,
    keystore,
    async close() {
      services.realtime.stop();
      await services.messageWriter.close();
      await bus.close();
      await database.close();
      await keystore.close();
    },
  };
}
