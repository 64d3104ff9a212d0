/**
 * Child process running the real Tessera server (server/src/main.ts startServer) against the
 * database in DATABASE_URL, with request logging off and background jobs off, on a free port.
 */
import { loadConfig } from '../../server/src/config/config';
import { startServer } from '../../server/src/main';
import { failStartup, serveBenchControl } from './child-side';

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', TESSERA_JOBS: 'off' });
  const server = await startServer(config);
  serveBenchControl(server.url, () => server.close());
}

main().catch(failStartup);
