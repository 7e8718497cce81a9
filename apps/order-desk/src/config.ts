/**
 * Configuration, read once at the edge of the app (server and CLI) and passed inward.
 * Environment first, then an optional `.env` file for what the environment leaves unset. With
 * nothing set, every provider points at the local mocks and development keys are generated into
 * a git-ignored folder on first run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { generateKeyPair } from '@orderkit/dstore';
import { DEFAULT_AID } from '@orderkit/ovopark';
import { isLoopbackHost } from '@orderkit/core';

export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const MOCK_URLS = {
  dstore: 'http://127.0.0.1:4010',
  wechat: 'http://127.0.0.1:4011',
  ovopark: 'http://127.0.0.1:4012',
} as const;

/** Credentials the mocks accept; they are not secrets. */
const MOCK_CREDENTIALS = {
  DSTORE_CLIENT_ID: '375Y93*******P00050',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: 'mock-wechat-secret',
  OVOPARK_AKEY: 'demo_akey',
  OVOPARK_SECRET: 'mock-ovopark-secret',
  OVOPARK_ACCOUNT: 'demo',
  OVOPARK_PASSWORD: 'mock-password',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Mode = 'mock' | 'live';

export interface Config {
  port: number;
  host: string;
  /** Public base URL of this app (our D-Store endpoint lives under it). */
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  dstore: {
    clientId: string;
    /** Serving our POS endpoint (D-Store calls it); `undefined` when its keys are not configured. */
    endpoint: EndpointKeys | undefined;
    /** Playing D-Store (`dstore inquire`, the UI's D-Store card); `undefined` when its keys are not configured. */
    client: DStoreClientKeys | undefined;
    keysFrom: 'environment' | 'development keys';
    /** Our endpoint's admission rate (DSTORE_RATE_LIMIT_RPS, DSTORE_RATE_LIMIT_BURST); unset = no rate limit. */
    rateLimit?: { requestsPerSecond: number; burst?: number };
  };
  wechat: { appId: string; appSecret: string; baseUrl: string; mode: Mode };
  ovopark: {
    akey: string;
    secret: string;
    account: string;
    password: string;
    /** `_aid` (OVOPARK_AID): the client's default on the older platform; cloud.api applications have their own. */
    aid: string;
    /** How the login password is sent (OVOPARK_PASSWORD_ENCODING): lowercase MD5 (default) or as typed. */
    passwordEncoding: 'md5' | 'plain';
    baseUrl: string;
    mode: Mode;
  };
  docsDir: string;
  /** The public face (our D-Store endpoint), the admin token, the inquiry allow-list: see securityConfig. */
  endpoint: EndpointFace;
  admin: AdminFace;
  inquire: InquirePolicy;
}

/** The public face's listener: only our D-Store endpoint and a health check are served there. */
export interface EndpointFace {
  host: string;
  port: number;
  /** How this process reaches the endpoint (the default target of an inquiry, "our own endpoint"). */
  url: string;
}

export interface AdminFace {
  /** ORDER_DESK_ADMIN_TOKEN; required when HOST is not loopback. Never logged, never in an error. */
  token: string | undefined;
  /** HOST is a loopback address: reachable from this machine only. */
  loopback: boolean;
}

/** Where an inquiry made from the admin face may go (exact endpoint URLs, see security/outbound.ts). */
export interface InquirePolicy {
  allowedEndpoints: string[];
}

/** Serving the endpoint: verify D-Store's requests, sign our answers (and publish our public key). */
export interface EndpointKeys {
  dstorePublicKey: string;
  posPrivateKey: string;
  /** Optional: only published, never needed to answer. */
  posPublicKey?: string;
}

/** Playing D-Store: sign requests with D-Store's key, verify a POS endpoint's answers. */
export interface DStoreClientKeys {
  dstorePrivateKey: string;
  posPublicKey: string;
}

/** The variables each role needs, for the errors that say what to set. */
const ROLES = {
  endpoint: { what: 'serving the D-Store endpoint', needs: ['DSTORE_PUBLIC_KEY', 'POS_PRIVATE_KEY'] },
  client: {
    what: 'playing D-Store (dstore inquire, the D-Store card, pnpm contract dstore)',
    needs: ['DSTORE_PRIVATE_KEY', 'POS_PUBLIC_KEY'],
  },
} as const;

/** The one error for a D-Store role without keys: what it is for and the variables to set. */
export function roleNotConfigured(role: keyof typeof ROLES): ConfigError {
  const { what, needs } = ROLES[role];
  return new ConfigError(`${what} is not configured: set ${needs.join(' and ')} (PEM or file path)`);
}

/** The keys of one D-Store role; throws roleNotConfigured(role) when it has none. */
export function dstoreRole(config: Config, role: 'endpoint'): EndpointKeys;
export function dstoreRole(config: Config, role: 'client'): DStoreClientKeys;
export function dstoreRole(config: Config, role: 'endpoint' | 'client'): EndpointKeys | DStoreClientKeys {
  const keys = config.dstore[role];
  if (keys) return keys;
  throw roleNotConfigured(role);
}

type Env = Record<string, string | undefined>;

/** The environment, completed by `.env` (in the working directory) for names it leaves unset. */
export function loadEnv(env: Env = process.env, cwd = process.cwd()): Env {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return env;
  let parsed: Record<string, string>;
  try {
    parsed = parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new ConfigError(`.env could not be read (${(error as Error).message}); fix or remove ${file}`);
  }
  return { ...parsed, ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) };
}

/** A key variable holds a PEM or a path to one. */
function readKey(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  try {
    return readFileSync(value, 'utf8');
  } catch {
    throw new ConfigError(
      `${name} is neither a PEM nor a readable file (${value}); set it to a PEM string or the path of a PEM file`,
    );
  }
}

/** Development key pairs (2048-bit RSA), generated once into `dir`; never used when keys are configured. */
export function developmentKeys(
  dir: string,
): Record<'dstorePrivateKey' | 'dstorePublicKey' | 'posPrivateKey' | 'posPublicKey', string> {
  const names = {
    dstorePrivateKey: 'dstore-private.pem',
    dstorePublicKey: 'dstore-public.pem',
    posPrivateKey: 'pos-private.pem',
    posPublicKey: 'pos-public.pem',
  };
  if (!Object.values(names).every((n) => existsSync(path.join(dir, n)))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const side of ['dstore', 'pos'] as const) {
      const { privateKey, publicKey } = generateKeyPair();
      writeFileSync(path.join(dir, `${side}-private.pem`), privateKey, { mode: 0o600 });
      writeFileSync(path.join(dir, `${side}-public.pem`), publicKey);
    }
  }
  return Object.fromEntries(
    Object.entries(names).map(([k, n]) => [k, readFileSync(path.join(dir, n), 'utf8')]),
  ) as ReturnType<typeof developmentKeys>;
}

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError(`${name}=${raw} is not a port number (0-65535)`);
  return n;
}

function positiveInteger(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1)
    throw new ConfigError(`${name}=${raw} is not a positive integer; set it like ${name}=100 or leave it unset`);
  return n;
}

/** DSTORE_RATE_LIMIT_RPS (requests per second) and optional DSTORE_RATE_LIMIT_BURST; none = no limit. */
function rateLimit(env: Env): { requestsPerSecond: number; burst?: number } | undefined {
  const requestsPerSecond = positiveInteger(env, 'DSTORE_RATE_LIMIT_RPS');
  const burst = positiveInteger(env, 'DSTORE_RATE_LIMIT_BURST');
  if (requestsPerSecond === undefined) {
    if (burst !== undefined)
      throw new ConfigError(
        'DSTORE_RATE_LIMIT_BURST is set but DSTORE_RATE_LIMIT_RPS is not; set the rate too, or neither',
      );
    return undefined;
  }
  return burst === undefined ? { requestsPerSecond } : { requestsPerSecond, burst };
}

function baseUrl(env: Env, name: string, mock: string): { url: string; mode: Mode } {
  const raw = env[name]?.trim();
  if (!raw) return { url: mock, mode: 'mock' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name}=${raw} is not a URL; set it like https://api.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL`);
  return { url: raw.replace(/\/+$/, ''), mode: isLoopbackHost(url.hostname) ? 'mock' : 'live' };
}

/** `_aid` as the contract bounds it (1–20 characters); the gateway says code 12 if it does not match the akey. */
function ovoparkAid(env: Env): string {
  const aid = env.OVOPARK_AID?.trim() || DEFAULT_AID;
  if (aid.length > 20)
    throw new ConfigError(
      'OVOPARK_AID must be the application id issued with OVOPARK_AKEY (at most 20 characters, e.g. S107 or DC-000392)',
    );
  return aid;
}

function ovoparkPasswordEncoding(env: Env): 'md5' | 'plain' {
  const value = env.OVOPARK_PASSWORD_ENCODING?.trim() || 'md5';
  if (value !== 'md5' && value !== 'plain')
    throw new ConfigError(`OVOPARK_PASSWORD_ENCODING must be md5 (the default) or plain, not ${JSON.stringify(value)}`);
  return value;
}

/**
 * D-Store keys by role. Each role needs its own pair: half a pair is an error naming the missing
 * variable; a role with neither half is unavailable (the other may still be configured); with none
 * of the four set, both roles use development keys. POS_PUBLIC_KEY belongs to both roles: with the
 * endpoint configured it is only published, so it does not make the D-Store role half-configured.
 */
function dstoreKeys(
  env: Env,
  dataDir: string,
): { endpoint: EndpointKeys | undefined; client: DStoreClientKeys | undefined; anyKey: boolean } {
  const k = {
    DSTORE_PRIVATE_KEY: readKey(env, 'DSTORE_PRIVATE_KEY'),
    DSTORE_PUBLIC_KEY: readKey(env, 'DSTORE_PUBLIC_KEY'),
    POS_PRIVATE_KEY: readKey(env, 'POS_PRIVATE_KEY'),
    POS_PUBLIC_KEY: readKey(env, 'POS_PUBLIC_KEY'),
  };
  if (!Object.values(k).some(Boolean)) {
    const dev = developmentKeys(path.join(dataDir, 'dev-keys'));
    return {
      endpoint: {
        dstorePublicKey: dev.dstorePublicKey,
        posPrivateKey: dev.posPrivateKey,
        posPublicKey: dev.posPublicKey,
      },
      client: { dstorePrivateKey: dev.dstorePrivateKey, posPublicKey: dev.posPublicKey },
      anyKey: false,
    };
  }
  const half = (role: keyof typeof ROLES, [a, b]: readonly [keyof typeof k, keyof typeof k]) => {
    const missing = k[a] ? b : a;
    const present = k[a] ? a : b;
    return new ConfigError(
      `${present} is set but ${missing} is not: ${ROLES[role].what} needs both; set ${missing} too, or unset ${present} (none of the four D-Store keys = development keys)`,
    );
  };
  let endpoint: EndpointKeys | undefined;
  if (k.DSTORE_PUBLIC_KEY && k.POS_PRIVATE_KEY) {
    endpoint = {
      dstorePublicKey: k.DSTORE_PUBLIC_KEY,
      posPrivateKey: k.POS_PRIVATE_KEY,
      ...(k.POS_PUBLIC_KEY ? { posPublicKey: k.POS_PUBLIC_KEY } : {}),
    };
  } else if (k.DSTORE_PUBLIC_KEY || k.POS_PRIVATE_KEY) throw half('endpoint', ROLES.endpoint.needs);
  let client: DStoreClientKeys | undefined;
  if (k.DSTORE_PRIVATE_KEY && k.POS_PUBLIC_KEY)
    client = { dstorePrivateKey: k.DSTORE_PRIVATE_KEY, posPublicKey: k.POS_PUBLIC_KEY };
  else if (k.DSTORE_PRIVATE_KEY || (k.POS_PUBLIC_KEY && !endpoint)) throw half('client', ROLES.client.needs);
  return { endpoint, client, anyKey: true };
}

export function loadConfig(envIn: Env = process.env, options: { cwd?: string } = {}): Config {
  const env = loadEnv(envIn, options.cwd);
  const p = port(env, 'PORT', 3000);
  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = path.resolve(env.ORDER_DESK_DATA_DIR?.trim() || path.join(APP_DIR, '.data'));
  const { endpoint, client, anyKey } = dstoreKeys(env, dataDir);
  const limit = rateLimit(env);
  // The mocks' ports follow MOCK_*_PORT, as `pnpm mock` does, so one variable moves both sides.
  const mockUrl = (name: string, fallback: string) =>
    env[name]?.trim() ? `http://127.0.0.1:${port(env, name, 0)}` : fallback;
  const wechat = baseUrl(env, 'WECHAT_BASE_URL', mockUrl('MOCK_WECHAT_PORT', MOCK_URLS.wechat));
  const ovopark = baseUrl(env, 'OVOPARK_BASE_URL', mockUrl('MOCK_OVOPARK_PORT', MOCK_URLS.ovopark));
  const need = (name: keyof typeof MOCK_CREDENTIALS, mode: Mode) => {
    const v = env[name]?.trim();
    if (v) return v;
    if (mode === 'live')
      throw new ConfigError(`${name} is required when the provider's base URL points at a live service`);
    return MOCK_CREDENTIALS[name];
  };
  return {
    port: p,
    host,
    publicUrl: env.ORDER_DESK_PUBLIC_URL?.trim() || listenerUrl(host, p),
    dataDir,
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    dstore: {
      clientId: env.DSTORE_CLIENT_ID?.trim() || MOCK_CREDENTIALS.DSTORE_CLIENT_ID,
      endpoint,
      client,
      keysFrom: anyKey ? 'environment' : 'development keys',
      ...(limit ? { rateLimit: limit } : {}),
    },
    wechat: {
      appId: need('WECHAT_APPID', wechat.mode),
      appSecret: need('WECHAT_SECRET', wechat.mode),
      baseUrl: wechat.url,
      mode: wechat.mode,
    },
    ovopark: {
      akey: need('OVOPARK_AKEY', ovopark.mode),
      secret: need('OVOPARK_SECRET', ovopark.mode),
      account: need('OVOPARK_ACCOUNT', ovopark.mode),
      password: need('OVOPARK_PASSWORD', ovopark.mode),
      aid: ovoparkAid(env),
      passwordEncoding: ovoparkPasswordEncoding(env),
      baseUrl: ovopark.url,
      mode: ovopark.mode,
    },
    docsDir: path.resolve(APP_DIR, '..', 'docs', 'dist'),
    ...securityConfig(env, host, p),
  };
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
 * loopback. DSTORE_INQUIRE_ALLOWED_ENDPOINTS: comma-separated endpoint URLs or origins the admin
 * face may send a signed inquiry to, besides our own endpoint.
 */
export function securityConfig(
  env: Env,
  adminHost: string,
  adminPort: number,
): Pick<Config, 'endpoint' | 'admin' | 'inquire'> {
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

  const allowedEndpoints = (env.DSTORE_INQUIRE_ALLOWED_ENDPOINTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new ConfigError(
          `DSTORE_INQUIRE_ALLOWED_ENDPOINTS: "${entry}" is not a URL; list endpoint URLs or origins, e.g. https://pos.example.com`,
        );
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new ConfigError(`DSTORE_INQUIRE_ALLOWED_ENDPOINTS: "${entry}" is not an http(s) URL`);
      return entry;
    });

  return {
    endpoint: { host: endpointHost, port: endpointPort, url: listenerUrl(endpointHost, endpointPort) },
    admin: { token, loopback },
    inquire: { allowedEndpoints },
  };
}
