/**
 * `node dist/main.js`: starts order-desk with the configuration from the environment (and .env).
 * With ORDER_DESK_WORKERS > 1 this process is the primary (admin face) and forks the endpoint
 * workers, which run this file too (cluster.ts).
 */
import cluster from 'node:cluster';
import { StoreLockedError } from '@orderkit/order-store';
import { runEndpointWorker, startEndpointWorkers, type EndpointWorkers, WorkerStartError } from './cluster.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { type ProviderId, providers } from './providers/index.js';
import type { AnyProvider } from './providers/registry.js';
import { type RunningServer, startServer } from './server.js';

if (cluster.isWorker) await runEndpointWorker();
else await runPrimary();

async function runPrimary(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`order-desk: configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }

  let server: RunningServer | undefined;
  let workers: EndpointWorkers | undefined;
  try {
    server = await startServer(config, { faces: config.workers > 1 ? 'admin' : 'both' });
    if (config.workers > 1) {
      // The ports as resolved (0 = a free one), so that every worker listens on the same one.
      workers = startEndpointWorkers(config.workers, {
        PORT: new URL(server.url).port,
        ENDPOINT_PORT: new URL(server.endpointUrl).port,
      });
      await workers.ready;
    }
    console.log(`order-desk ready: ${server.url}`);
    // Whether the admin token is set, never the token itself.
    console.log(
      `  UI, API, docs         ${server.url}/  (admin face, ${config.admin.token ? 'admin token required' : 'loopback only, no token'})`,
    );
    const app = { ...config, endpoint: { ...config.endpoint, url: server.endpointUrl } };
    for (const provider of providers as readonly AnyProvider[]) {
      console.log(`  ${provider.name.padEnd(21)} ${provider.startupLine(config[provider.id as ProviderId], app)}`);
    }
    if (config.workers > 1)
      console.log(
        `  workers               ${config.workers} processes serve ${server.endpointUrl}; the admin face runs in this one (ORDER_DESK_WORKERS)`,
      );
    console.log(`  store                 ${server.store.description}`);
    let closing = false;
    const running = server;
    const stop = (signal: string) => {
      if (closing) return;
      closing = true;
      console.log(`order-desk: ${signal}, closing`);
      void Promise.all([workers?.close(), running.close()]).then(() => process.exit(0));
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  } catch (error) {
    await workers?.close();
    await server?.close();
    const e = error as Error & { code?: string; portVariable?: string };
    if (error instanceof StoreLockedError) console.error(`order-desk: ${e.message}`);
    else if (e.code === 'EADDRINUSE') {
      const variable = e.portVariable ?? 'PORT';
      console.error(
        `order-desk: port ${variable === 'ENDPOINT_PORT' ? config.endpoint.port : config.port} is in use; stop the other process or set ${variable}`,
      );
    } else if (error instanceof WorkerStartError && error.exitCode === 2)
      console.error(`order-desk: configuration error: ${e.message}`);
    else console.error(`order-desk: could not start: ${e.message}`);
    process.exit(error instanceof WorkerStartError ? error.exitCode : 1);
  }
}
