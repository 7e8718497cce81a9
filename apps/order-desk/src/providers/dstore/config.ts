/**
 * D-Store's configuration: the keys of its two roles, the Client-Id, the endpoint's admission rate,
 * and where the admin face may send an inquiry. With none of the four keys set, both roles use the
 * published development keys (@orderkit/dstore/dev-keys, the D-Store mock's), also written into a
 * git-ignored folder for the tools that read files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPair } from '@orderkit/dstore';
import { developmentKeys as publishedKeys } from '@orderkit/dstore/dev-keys';
import { ConfigError, type Env, positiveInteger, readKey } from '../../env.js';
import type { MockPort } from '../registry.js';

export const MOCK: MockPort = { port: 4010, portVariable: 'MOCK_DSTORE_PORT' };
/** The Client-Id the mock and the development setup use; not a secret. */
const MOCK_CLIENT_ID = '375Y93*******P00050';

export interface DStoreConfig {
  clientId: string;
  /** Serving our POS endpoint (D-Store calls it); `undefined` when its keys are not configured. */
  endpoint: EndpointKeys | undefined;
  /** Playing D-Store (`dstore inquire`, the UI's D-Store card); `undefined` when its keys are not configured. */
  client: DStoreClientKeys | undefined;
  keysFrom: 'environment' | 'development keys';
  /** Our endpoint's admission rate (DSTORE_RATE_LIMIT_RPS, DSTORE_RATE_LIMIT_BURST); unset = no rate limit. */
  rateLimit?: { requestsPerSecond: number; burst?: number };
  /** Where an inquiry made from the admin face may go (exact endpoint URLs, see outbound.ts). */
  inquire: { allowedEndpoints: string[] };
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
export function dstoreRole(config: { dstore: DStoreConfig }, role: 'endpoint'): EndpointKeys;
export function dstoreRole(config: { dstore: DStoreConfig }, role: 'client'): DStoreClientKeys;
export function dstoreRole(
  config: { dstore: DStoreConfig },
  role: 'endpoint' | 'client',
): EndpointKeys | DStoreClientKeys {
  const keys = config.dstore[role];
  if (keys) return keys;
  throw roleNotConfigured(role);
}

export const KEY_FILES = ['dstore-private.pem', 'dstore-public.pem', 'pos-private.pem', 'pos-public.pem'] as const;

/** Writes 2048-bit RSA pairs for both sides into `dir` as KEY_FILES (private keys readable by the owner only). */
export function writeKeyPairs(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const side of ['dstore', 'pos'] as const) {
    const { privateKey, publicKey } = generateKeyPair();
    writeFileSync(path.join(dir, `${side}-private.pem`), privateKey, { mode: 0o600 });
    writeFileSync(path.join(dir, `${side}-public.pem`), publicKey);
  }
}

/**
 * The published development keys (anyone can sign with them: for the mocks and local development
 * only), the same as the D-Store mock's, so an inquiry to the mock verifies without setup; never used
 * when keys are configured. Also written into `dir` as KEY_FILES when absent or different (keys
 * generated there by an older version are replaced): the bench and `pnpm contract` hints read them.
 */
export function developmentKeys(
  dir: string,
): Record<'dstorePrivateKey' | 'dstorePublicKey' | 'posPrivateKey' | 'posPublicKey', string> {
  const files: Record<(typeof KEY_FILES)[number], string> = {
    'dstore-private.pem': publishedKeys.dstorePrivateKey,
    'dstore-public.pem': publishedKeys.dstorePublicKey,
    'pos-private.pem': publishedKeys.posPrivateKey,
    'pos-public.pem': publishedKeys.posPublicKey,
  };
  for (const [name, pem] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (existsSync(file) && readFileSync(file, 'utf8') === pem) continue;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, pem, { mode: name.endsWith('-private.pem') ? 0o600 : 0o644 });
  }
  return { ...publishedKeys };
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

/** DSTORE_INQUIRE_ALLOWED_ENDPOINTS: comma-separated endpoint URLs or origins, besides our own endpoint. */
function allowedEndpoints(env: Env): string[] {
  return (env.DSTORE_INQUIRE_ALLOWED_ENDPOINTS ?? '')
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
}

/**
 * D-Store keys by role. Each role needs its own pair: half a pair is an error naming the missing
 * variable; a role with neither half is unavailable (the other may still be configured); with none
 * of the four set, both roles use development keys. POS_PUBLIC_KEY belongs to both roles: with the
 * endpoint configured it is only published, so it does not make the D-Store role half-configured.
 */
function keys(
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

export function dstoreConfig(env: Env, app: { dataDir: string }): DStoreConfig {
  const { endpoint, client, anyKey } = keys(env, app.dataDir);
  const limit = rateLimit(env);
  return {
    clientId: env.DSTORE_CLIENT_ID?.trim() || MOCK_CLIENT_ID,
    endpoint,
    client,
    keysFrom: anyKey ? 'environment' : 'development keys',
    ...(limit ? { rateLimit: limit } : {}),
    inquire: { allowedEndpoints: allowedEndpoints(env) },
  };
}
