/**
 * order-desk as real processes (`node dist/main.js`, built by turbo before this suite) on a
 * PostgreSQL, for the tests of several instances and of a database outage: start and stop one,
 * send it signed inquiries as D-Store does and check each answer on the wire (HTTP 200, signature
 * verified with the POS key, valid against the spec), and read the database with psql.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDStoreClient, generateKeyPair, SIGNED_PATH, spec } from '@orderkit/dstore';
import { OpenApiValidator } from '@orderkit/openapi-ajv';

const run = promisify(execFile);
export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
export const MAIN = path.join(APP_DIR, 'dist', 'main.js');
const ROOT = path.resolve(APP_DIR, '..', '..');
export const PG_SCRIPTS = path.join(ROOT, 'packages', 'order-store', 'scripts');
const CLIENT_ID = '375Y93TEST00P00050';
const READY_TIMEOUT_MS = 60_000;

const validator = new OpenApiValidator(spec);
const responsePointer = validator.responseBodyPointer(SIGNED_PATH, 'post');

/** Both key pairs in `dir`, as the four D-Store key variables (file paths): every instance uses the same. */
export function writeKeys(dir: string): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const dstore = generateKeyPair();
  const pos = generateKeyPair();
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text, { mode: 0o600 });
    return p;
  };
  return {
    DSTORE_PUBLIC_KEY: file('dstore-public.pem', dstore.publicKey),
    POS_PRIVATE_KEY: file('pos-private.pem', pos.privateKey),
    DSTORE_PRIVATE_KEY: file('dstore-private.pem', dstore.privateKey),
    POS_PUBLIC_KEY: file('pos-public.pem', pos.publicKey),
  };
}

export interface Desk {
  child: ChildProcess;
  adminUrl: string;
  endpointUrl: string;
  output(): string;
  /** SIGTERM, SIGKILL after 15 s; resolves with how it exited. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
/** For afterAll: whatever a failed test left running. */
export function killAll(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Starts `node dist/main.js` in `dataDir` (its working directory) and resolves once it printed its store line. */
export function startDesk(dataDir: string, env: Record<string, string>): Promise<Desk> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run pnpm build (pnpm test builds before this suite)`);
  mkdirSync(dataDir, { recursive: true });
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', ENDPOINT_HOST: '127.0.0.1', ...env };
  for (const name of ['NODE_OPTIONS', 'ORDER_DESK_ADMIN_TOKEN', 'ORDER_DESK_PUBLIC_URL', 'DSTORE_RATE_LIMIT_RPS'])
    delete childEnv[name];
  childEnv.ORDER_DESK_DATA_DIR = dataDir;
  childEnv.DSTORE_CLIENT_ID = CLIENT_ID;
  const child = spawn(process.execPath, [MAIN], { cwd: dataDir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`order-desk not ready in ${READY_TIMEOUT_MS} ms:\n${output}`));
    }, READY_TIMEOUT_MS);
    const onData = () => {
      const ready = /order-desk ready: (\S+)/.exec(output);
      const endpoint = /D-Store\s+(http:\/\/\S+?)\/v2\/pos/.exec(output);
      if (!ready || !endpoint || !/\n\s+store\s/.test(output)) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        child,
        adminUrl: ready[1]!,
        endpointUrl: endpoint[1]!,
        output: () => output,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
            const result = await exited;
            clearTimeout(force);
            return result;
          }
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`order-desk exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
}

/** One checked answer of our endpoint. */
export interface Answer {
  requestOrderId: string;
  /** `S SUCCESS`, `U UNKNOWN_EXCEPTION`, …; `HTTP <status>` or `error: …` when there is no result. */
  code: string;
  posOrderId?: string;
  orderStatus?: string;
  /** What is wrong with the answer on the wire (empty: HTTP 200, signed, spec-valid). */
  problems: string[];
  sentAt: number;
  latencyMs: number;
}

/** Signs inquiries as D-Store does, with the keys of writeKeys. */
export function inquirer(keys: Record<string, string>, timeoutMs = 8_000) {
  const clients = new Map<string, ReturnType<typeof createDStoreClient>>();
  const client = (endpointUrl: string) => {
    let c = clients.get(endpointUrl);
    if (!c) {
      c = createDStoreClient({
        baseUrl: endpointUrl,
        clientId: CLIENT_ID,
        privateKey: keys.DSTORE_PRIVATE_KEY!,
        posPublicKey: keys.POS_PUBLIC_KEY!,
        timeoutMs,
      });
      clients.set(endpointUrl, c);
    }
    return c;
  };
  return async (endpointUrl: string, requestOrderId: string): Promise<Answer> => {
    const sentAt = performance.now();
    try {
      const x = await client(endpointUrl).sendSigned({ body: JSON.stringify({ requestOrderId }) });
      const problems: string[] = [];
      if (x.status !== 200) problems.push(`HTTP ${x.status}`);
      if (!x.signature.verified) problems.push('signature does not verify');
      const value = x.body.kind === 'json' ? x.body.value : undefined;
      if (x.body.kind !== 'json') problems.push(`body is not JSON: ${x.text.slice(0, 100)}`);
      const checked = validator.validate(responsePointer, value);
      if (!checked.valid) problems.push(`off-spec: ${checked.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
      const body = value as {
        result?: { resultStatus?: string; resultCode?: string };
        posOrderId?: string;
        orderStatus?: string;
      };
      const code = body?.result ? `${body.result.resultStatus} ${body.result.resultCode}` : `HTTP ${x.status}`;
      return {
        requestOrderId,
        code,
        ...(body?.posOrderId ? { posOrderId: body.posOrderId } : {}),
        ...(body?.orderStatus ? { orderStatus: body.orderStatus } : {}),
        problems,
        sentAt,
        latencyMs: performance.now() - sentAt,
      };
    } catch (error) {
      const message = `error: ${(error as Error).name}: ${(error as Error).message}`;
      return { requestOrderId, code: message, problems: [message], sentAt, latencyMs: performance.now() - sentAt };
    }
  };
}

/** POST /api/pos/orders; resolves with the HTTP status (201 = acknowledged). */
export async function postOrder(
  adminUrl: string,
  order: { requestOrderId: string; posOrderId: string; orderStatus: string },
): Promise<number> {
  const res = await fetch(`${adminUrl}/api/pos/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(order),
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return res.status;
}

/** The PostgreSQL server binaries: ORDERKIT_TEST_PG_BIN, else the newest /usr/lib/postgresql/<v>/bin (as the scripts look). */
export function pgBin(): string | undefined {
  const given = process.env.ORDERKIT_TEST_PG_BIN;
  if (given) return existsSync(path.join(given, 'pg_ctl')) ? given : undefined;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b));
  const newest = versions.at(-1);
  return newest ? path.join(base, newest, 'bin') : undefined;
}

/** psql -At: one row per line, columns split on `|`. */
export async function psql(databaseUrl: string, sql: string): Promise<string[][]> {
  const bin = pgBin();
  const { stdout } = await run(bin ? path.join(bin, 'psql') : 'psql', ['-X', '-At', '-d', databaseUrl, '-c', sql], {
    timeout: 30_000,
  });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('|'));
}

/** A fresh database on the server of `adminUrl` (the tests' throwaway PostgreSQL); its URL and a dropper. */
export async function createDatabase(
  adminUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await psql(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await psql(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    },
  };
}

/** Received D-Store inquiries in the audit log, by requestOrderId. */
export async function auditCounts(databaseUrl: string): Promise<Map<string, number>> {
  const rows = await psql(
    databaseUrl,
    `SELECT ids->>'requestOrderId', count(*) FROM audit_log
     WHERE direction = 'received' AND provider = 'dstore' GROUP BY 1`,
  );
  return new Map(rows.map(([id, n]) => [id!, Number(n)]));
}
