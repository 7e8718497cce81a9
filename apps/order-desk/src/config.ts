/**
 * Configuration, read once at the edge of the app (server and CLI) and passed inward.
 * Environment first, then an optional `.env` file for what the environment leaves unset. With
 * nothing set, every provider points at its local mock. The app's own settings are read here; each
 * provider's come from its module in the registry (`config.<id>`).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { isLoopbackHost } from '@orderkit/core';
import { APP_DIR, ConfigError, dataDir as dataDirOf, type Env, loadEnv, port } from './env.js';
import { type ProviderConfigs, providers } from './providers/index.js';

export { APP_DIR, ConfigError, loadEnv, type Env, type Mode } from './env.js';

/** The app's own settings, the same whatever providers it talks to. */
export interface AppConfig {
  port: number;
  host: string;
  /** Public base URL of this app's admin face. */
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * Processes serving the public face (ORDER_DESK_WORKERS): 1 = one process serves both faces;
   * more = that many endpoint workers on one port, the admin face in the primary (cluster.ts).
   */
  workers: number;
  docsDir: string;
  /** The public face and the admin token: see securityConfig. */
  endpoint: EndpointFace;
  admin: AdminFace;
}

export type Config = AppConfig & ProviderConfigs;

/** The public face's listener: only the providers' public endpoints and a health check are served there. */
export interface EndpointFace {
  host: string;
  port: number;
  /** How this process reaches the public face (e.g. the default target of an inquiry to our own endpoint). */
  url: string;
}

export interface AdminFace {
  /** ORDER_DESK_ADMIN_TOKEN; required when HOST is not loopback. Never logged, never in an error. */
  token: string | undefined;
  /** HOST is a loopback address: reachable from this machine only. */
  loopback: boolean;
}

export function loadConfig(envIn: Env = process.env, options: { cwd?: string } = {}): Config {
  const env = loadEnv(envIn, options.cwd);
  const p = port(env, 'PORT', 3000);
  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = dataDirOf(env);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const app: AppConfig = {
    port: p,
    host,
    publicUrl: env.ORDER_DESK_PUBLIC_URL?.trim() || listenerUrl(host, p),
    dataDir,
    databaseUrl,
    workers: workers(env, databaseUrl),
    docsDir: path.resolve(APP_DIR, '..', 'docs', 'dist'),
    ...securityConfig(env, host, p),
  };
  const perProvider = Object.fromEntries(providers.map((provider) => [provider.id, provider.config(env, app)]));
  return { ...app, ...(perProvider as ProviderConfigs) };
}

export const MAX_WORKERS = 64;

/**
 * ORDER_DESK_WORKERS: default 1 on the embedded store (PGlite has one opener, so more is refused),
 * the machine's core count (at most MAX_WORKERS) on PostgreSQL.
 */
export function workers(env: Env, databaseUrl: string | undefined): number {
  const raw = env.ORDER_DESK_WORKERS?.trim();
  if (raw === undefined || raw === '') return databaseUrl ? Math.min(availableParallelism(), MAX_WORKERS) : 1;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_WORKERS)
    throw new ConfigError(
      `ORDER_DESK_WORKERS=${raw} is not a whole number from 1 to ${MAX_WORKERS}; set it like ORDER_DESK_WORKERS=2 or leave it unset`,
    );
  if (n > 1 && !databaseUrl)
    throw new ConfigError(
      `ORDER_DESK_WORKERS=${n} needs DATABASE_URL: the embedded store has one opener, so only one process can use it; set DATABASE_URL to a PostgreSQL database or ORDER_DESK_WORKERS=1`,
    );
  return n;
}

export const ADMIN_TOKEN_MIN_LENGTH = 32;
/** A URL for a listener; the unspecified addresses (0.0.0.0, ::) are reached through loopback. */
export function listenerUrl(host: string, port: number): string {
  const reach = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reach.includes(':') && !reach.startsWith('[') ? `[${reach}]` : reach}:${port}`;
}

/**
 * The two faces and what guards them (issue 14), read apart from loadConfig's provider and key
 * handling. ENDPOINT_HOST/ENDPOINT_PORT: the public face, default loopback and the port after PORT
 * (0 stays 0: a free port, for tests). ORDER_DESK_ADMIN_TOKEN: required as soon as HOST is not
 * loopback. (Where the admin face may send a provider's outbound calls is that provider's own
 * configuration.)
 */
export function securityConfig(env: Env, adminHost: string, adminPort: number): Pick<AppConfig, 'endpoint' | 'admin'> {
  const endpointHost = env.ENDPOINT_HOST?.trim() || '127.0.0.1';
  if (adminPort === 65535 && !env.ENDPOINT_PORT?.trim())
    throw new ConfigError('PORT=65535 leaves no port after it for the D-Store endpoint; set ENDPOINT_PORT');
  const endpointPort = port(env, 'ENDPOINT_PORT', adminPort === 0 ? 0 : adminPort + 1);
  if (endpointPort !== 0 && endpointPort === adminPort) {
    throw new ConfigError(
      `ENDPOINT_PORT and PORT are both ${adminPort}: the D-Store endpoint and the admin UI need a listener each; set ENDPOINT_PORT to another port`,
    );
  }

  const token = env.ORDER_DESK_ADMIN_TOKEN?.trim() || undefined;
  const loopback = isLoopbackHost(adminHost);
  // The value itself never appears in a message: it may be a real token with one typo.
  if (token !== undefined && token.length < ADMIN_TOKEN_MIN_LENGTH) {
    throw new ConfigError(
      `ORDER_DESK_ADMIN_TOKEN is shorter than ${ADMIN_TOKEN_MIN_LENGTH} characters; use a random one, e.g. ORDER_DESK_ADMIN_TOKEN=$(openssl rand -hex 32)`,
    );
  }
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) {
    throw new ConfigError(
      'ORDER_DESK_ADMIN_TOKEN must be printable ASCII without spaces (it travels in an HTTP header); e.g. ORDER_DESK_ADMIN_TOKEN=$(openssl rand -hex 32)',
    );
  }
  if (!loopback && token === undefined) {
    throw new ConfigError(
      `HOST=${adminHost} opens the admin UI and API beyond this machine; set ORDER_DESK_ADMIN_TOKEN (at least ${ADMIN_TOKEN_MIN_LENGTH} characters, e.g. $(openssl rand -hex 32)) or keep HOST=127.0.0.1 — only ENDPOINT_HOST needs to be reachable by D-Store`,
    );
  }

  return {
    endpoint: { host: endpointHost, port: endpointPort, url: listenerUrl(endpointHost, endpointPort) },
    admin: { token, loopback },
  };
}
