import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './platform/log.ts';
import { bootPlatform } from './boot.ts';
import { buildApp } from './app.ts';
import { demoPeople } from './modules/org/demo-organisation.ts';

/**
 * Runs Lockstep as a long-lived process until SIGINT or SIGTERM. Shared by `server/main.ts` and
 * `lockstep serve`, so both start, report and stop the same way; it never rejects, because a
 * failure to start ends the process with a message instead of a stack trace.
 */
export async function startServer(): Promise<void> {
  try {
    await listen();
  } catch (error) {
    console.error('Lockstep failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

async function listen(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const platform = await bootPlatform({ config, logger, seedDemo: config.demoData, seedPolicy: true });
  const app = await buildApp(platform.services);
  await platform.services.messageWriter.start();
  await app.listen({ host: config.host, port: config.port });
  platform.services.jobs.start();
  const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  console.log(`Lockstep is running at ${address}/ (${platform.database.profile.name}, data in ${config.dataDir})`);
  if (config.devMode) console.log(`Development mode: sign-in codes appear at ${address}/dev/outbox`);
  if (config.demoData) console.log(`Demo organisation: sign in as ${demoPeople.owner.email} (its owner) or ${demoPeople.members[0]?.email}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await platform.services.jobs.stop();
    await app.close();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
