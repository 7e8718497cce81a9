/** `node dist/main.js`: starts order-desk with the configuration from the environment (and .env). */
import { StoreLockedError } from '@orderkit/order-store';
import { ConfigError, loadConfig } from './config.js';
import { type ProviderId, providers } from './providers/index.js';
import type { AnyProvider } from './providers/registry.js';
import { startServer } from './server.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`order-desk: configuration error: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

try {
  const server = await startServer(config);
  console.log(`order-desk ready: ${server.url}`);
  // Whether the admin token is set, never the token itself.
  console.log(
    `  UI, API, docs         ${server.url}/  (admin face, ${config.admin.token ? 'admin token required' : 'loopback only, no token'})`,
  );
  const app = { ...config, endpoint: { ...config.endpoint, url: server.endpointUrl } };
  for (const provider of providers as readonly AnyProvider[]) {
    console.log(`  ${provider.name.padEnd(21)} ${provider.startupLine(config[provider.id as ProviderId], app)}`);
  }
  console.log(`  store                 ${server.store.description}`);
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`order-desk: ${signal}, closing`);
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  const e = error as Error & { code?: string; portVariable?: string };
  if (error instanceof StoreLockedError) console.error(`order-desk: ${e.message}`);
  else if (e.code === 'EADDRINUSE') {
    const variable = e.portVariable ?? 'PORT';
    console.error(
      `order-desk: port ${variable === 'ENDPOINT_PORT' ? config.endpoint.port : config.port} is in use; stop the other process or set ${variable}`,
    );
  } else console.error(`order-desk: could not start: ${e.message}`);
  process.exit(1);
}
