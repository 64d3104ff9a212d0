import { type AppConfig, loadConfig } from './config/config';
import { type Database, migrateToLatest, openDatabase } from './db/database';
import { type TesseraApp, buildApp } from './app';
import { startJobs, type JobRunner } from './jobs/runner';
import { createServices } from './services';
import { type Clock, systemClock } from './shared/clock';

export interface RunningServer {
  app: TesseraApp;
  database: Database;
  url: string;
  /** Stop accepting, let in-flight requests finish, stop jobs, close the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  webDist?: string;
  logger?: boolean;
  /** Tests add routes or hooks before the server starts listening. */
  configureApp?: (app: TesseraApp) => void | Promise<void>;
}

export async function startServer(config: AppConfig = loadConfig(), opts: StartOptions = {}): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  await migrateToLatest(database);
  const services = createServices({ database, clock: opts.clock ?? systemClock, config });
  const app = await buildApp(services, { webDist: opts.webDist, ...(opts.logger === false ? { logger: false } : {}) });
  await opts.configureApp?.(app);
  const address = await app.listen({ host: config.host, port: config.port });
  const jobs: JobRunner | null = config.jobs ? startJobs(services, app.log) : null;

  const dir = await services.org.tenantDirectory();
  const shown = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  if (dir.count === 0) {
    app.log.warn(`No tenant yet. Create one with:  npx tessera init   then sign in at ${shown}/`);
  } else {
    app.log.info(`Tessera is serving the console at ${shown}/ and the API docs at ${shown}/api/docs (${database.description})`);
  }

  let closing: Promise<void> | null = null;
  return {
    app,
    database,
    url: shown,
    close() {
      closing ??= (async () => {
        await jobs?.stop();
        // In-flight requests finish; keep-alive connections they leave behind are closed as soon
        // as they fall idle, instead of waiting for the keep-alive timeout.
        const sweeper = setInterval(() => app.server.closeIdleConnections(), 50);
        try {
          await app.close();
        } finally {
          clearInterval(sweeper);
        }
        await database.close();
      })();
      return closing;
    },
  };
}

/** Run until SIGTERM / SIGINT; then shut down gracefully. */
export async function runUntilSignalled(config?: AppConfig): Promise<void> {
  const server = await startServer(config);
  let signalled = false;
  const stop = async (signal: string) => {
    if (signalled) return;
    signalled = true;
    server.app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      server.app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    try {
      await server.close();
      process.exit(0);
    } catch (err) {
      server.app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
