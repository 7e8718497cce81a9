/**
 * `pnpm cli <provider> <command>`: the order-desk CLI.
 * Exit codes: 0 success; 1 the provider answered a failure (F, errcode, stat.code: outcome 'failed');
 * 2 bad usage, invalid input or configuration; 3 unknown outcome (error.outcome 'unknown': U,
 * timeout, network, an unreadable or unverifiable answer).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { generateKeyPair, spec as dstoreSpec } from '@orderkit/dstore';
import { openStore, StoreLockedError, StoreValidationError } from '@orderkit/order-store';
import { debugSigningString, sign, type SignMethod } from '@orderkit/ovopark';
import { OrderkitConfigError, OrderkitInputError } from '@orderkit/core';
import { exitCodeOf, type Card, type FieldValue } from './cards.js';
import { ConfigError, dstoreRole, loadConfig, type Config } from './config.js';
import { createServices } from './services.js';

class UsageError extends Error {}

const ORDER_STATUSES = (dstoreSpec.components.schemas.OrderStatus as { enum: string[] }).enum;

const HELP: Record<string, string> = {
  '': `usage: pnpm cli <provider> <command> [options]   (--help on any command)

  wechat   get-order <orderId...>                   look up orders (concurrently, one token fetch)
  ovopark  search-pos --dep-id <id> --from <t> --to <t>   tickets of a store in a time range
  ovopark  sign --secret <s> [--sm md5|sha1] key=value...  the string to sign and the signature
  dstore   inquire --endpoint <url> <requestOrderId>  play D-Store: sign, send, verify the answer
  dstore   keygen --out <dir>                       2048-bit key pairs for both sides
  pos      set-order <requestOrderId> --pos-order-id <id> --status <STATUS> [--extend-info <json>]

  --json   machine-readable output (every command)
Exit codes: 0 success, 1 the provider answered a failure, 2 bad usage or input, 3 unknown outcome.
Configuration: environment variables or .env (see the README); with none set, the mocks.`,
  'wechat get-order': `usage: pnpm cli wechat get-order <orderId...> [--json]
Looks up each order with getOrder, concurrently, with one access_token fetch for all of them.`,
  'ovopark search-pos': `usage: pnpm cli ovopark search-pos --dep-id <id> --from "yyyy-MM-dd HH:mm:ss" --to "yyyy-MM-dd HH:mm:ss" [--json]
Every ticket of the store in the range (Asia/Shanghai time), paged in windows of at most one hour;
progress goes to stderr.`,
  'ovopark sign': `usage: pnpm cli ovopark sign --secret <secret> [--sm md5|sha1] key=value... [--json]
Prints the string that is signed (secret masked) and the signature, for comparing with a
SIGN_WRONG answer. Give every parameter that was sent except _sig.`,
  'dstore inquire': `usage: pnpm cli dstore inquire --endpoint <url> <requestOrderId> [--json]
Sends a signed inquireOrderDetail as D-Store does (DSTORE_PRIVATE_KEY) and verifies the answer's
signature (POS_PUBLIC_KEY). --endpoint defaults to our own endpoint.`,
  'dstore keygen': `usage: pnpm cli dstore keygen --out <dir> [--force] [--json]
Writes 2048-bit RSA key pairs for both sides: dstore-private.pem, dstore-public.pem,
pos-private.pem, pos-public.pem (PKCS#8 / SPKI). Refuses to overwrite without --force.`,
  'pos set-order': `usage: pnpm cli pos set-order <requestOrderId> --pos-order-id <id> --status <STATUS> [--extend-info <json>] [--json]
Records an order in our store, as the POS side would. STATUS: ${ORDER_STATUSES.join(', ')}.
While order-desk runs, the write goes through its API (the embedded store has one opener).`,
};

type Values = Record<string, string | boolean | undefined>;

function parse(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { ...options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function formatField(v: FieldValue): string {
  if (typeof v === 'object' && 'date' in v) return `${new Date(v.date).toLocaleString()} (${v.date})`;
  if (typeof v === 'object' && 'amount' in v) return `${v.amount} ${v.currency}`;
  return String(v);
}

function printCards(cards: Card[], json: boolean): number {
  if (json) console.log(JSON.stringify({ cards }, null, 2));
  else {
    for (const c of cards) {
      console.log(`${c.outcome === 'ok' ? '✔' : c.outcome === 'unknown' ? '?' : '✘'} ${c.title}`);
      if (c.code) console.log(`  result: ${c.code.value} — ${c.code.meaning}`);
      for (const [k, v] of c.fields) console.log(`  ${k}: ${formatField(v)}`);
      if (c.table) {
        console.log(`  ${c.table.columns.join(' | ')}`);
        for (const row of c.table.rows) console.log(`  ${row.map(formatField).join(' | ')}`);
      }
      console.log(`  latency: ${c.latencyMs} ms, against: ${c.mode}`);
    }
  }
  return exitCodeOf(cards);
}

async function withServices<T>(
  config: Config,
  work: (s: ReturnType<typeof createServices>) => Promise<T>,
  options: Parameters<typeof createServices>[2] = {},
): Promise<T> {
  // The provider commands only need the audit log; when the app holds the embedded store, they run
  // without one rather than open it behind the app's back.
  let store;
  try {
    store = await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: path.join(config.dataDir, 'store'),
      holderName: 'order-desk cli',
    });
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
  }
  const noStore = {
    appendAudit: async () => undefined,
    tokens: undefined,
  };
  try {
    return await work(createServices(config, (store ?? noStore) as never, options));
  } finally {
    await store?.close();
  }
}

/** The running app's admin face asks for ORDER_DESK_ADMIN_TOKEN when it has one: send it when we do. */
const adminAuthorization = (config: Config): Record<string, string> =>
  config.admin.token ? { authorization: `Bearer ${config.admin.token}` } : {};

async function setOrder(
  config: Config,
  order: { requestOrderId: string; posOrderId: string; orderStatus: string; extendInfo?: Record<string, unknown> },
) {
  // With the embedded store, write through the running app if there is one.
  if (!config.databaseUrl) {
    try {
      const res = await fetch(`${config.publicUrl}/api/pos/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...adminAuthorization(config) },
        body: JSON.stringify(order),
        signal: AbortSignal.timeout(5_000),
      });
      if (res.status === 401 || res.status === 403 || res.status === 415) {
        // The admin face's refusals are one plain line (security/refuse.ts), not JSON.
        const line = (await res.text()).trim();
        throw new Error(
          `order-desk at ${config.publicUrl} refused the write: ${line}${res.status === 401 ? " — set ORDER_DESK_ADMIN_TOKEN to the running app's token" : ''}`,
        );
      }
      const body = (await res.json()) as { order?: unknown; error?: string };
      if (res.status === 400) throw new UsageError(body.error ?? 'invalid order');
      if (!res.ok)
        throw new Error(`order-desk at ${config.publicUrl} answered HTTP ${res.status}: ${body.error ?? ''}`);
      return { via: `order-desk at ${config.publicUrl}`, order: body.order };
    } catch (error) {
      // No app answering (refused, unreachable, timed out): fall back to the store, whose lock
      // still refuses if an app holds it.
      const unreachable = error instanceof TypeError || (error as Error).name === 'TimeoutError';
      if (!unreachable) throw error;
    }
  }
  let store;
  try {
    store = await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: path.join(config.dataDir, 'store'),
      holderName: 'order-desk cli',
    });
  } catch (error) {
    if (error instanceof StoreLockedError) {
      throw new Error(
        `${error.message} — and its API at ${config.publicUrl} did not answer; set ORDER_DESK_PUBLIC_URL or PORT to reach it`,
      );
    }
    throw error;
  }
  try {
    return { via: store.description, order: await store.upsertOrder(order as never) };
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [provider = '', command = '', ...rest] = argv;
  const key = `${provider} ${command}`.trim();
  if (!provider || provider === '--help' || provider === '-h' || provider === 'help') {
    console.log(HELP['']);
    return provider ? 0 : 2;
  }
  if (!HELP[key] || !command) {
    const known = Object.keys(HELP).filter((k) => k.startsWith(`${provider} `));
    throw new UsageError(
      known.length
        ? `unknown command "${key}"; ${provider} has: ${known.map((k) => k.split(' ')[1]).join(', ')}`
        : `unknown provider "${provider}"; use wechat, ovopark, dstore or pos`,
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP[key]);
    return 0;
  }

  if (key === 'ovopark sign') {
    const { values, positionals } = parse(rest, { secret: { type: 'string' }, sm: { type: 'string' } });
    const secret = str(values.secret);
    if (!secret) throw new UsageError('--secret is required (the signing secret, _asid)');
    const sm = (str(values.sm) ?? 'md5') as SignMethod;
    if (sm !== 'md5' && sm !== 'sha1') throw new UsageError(`--sm must be md5 or sha1, not ${sm}`);
    if (!positionals.length)
      throw new UsageError('give the parameters as key=value, e.g. _aid=S107 _mt=open.ovopark.pos.searchPos');
    const params: Record<string, string> = {};
    for (const p of positionals) {
      const eq = p.indexOf('=');
      if (eq <= 0) throw new UsageError(`"${p}" is not key=value`);
      params[p.slice(0, eq)] = p.slice(eq + 1);
    }
    delete params._sig;
    if (params._sm && params._sm !== sm)
      console.error(`note: _sm=${params._sm} is signed as given, the hash is --sm ${sm}`);
    const signature = sign(params, secret, sm);
    const signing = debugSigningString(params, secret);
    if (values.json) console.log(JSON.stringify({ signingString: signing, signature, method: sm }, null, 2));
    else console.log(`string to sign (secret masked):\n${signing}\n\n_sig (${sm}): ${signature}`);
    return 0;
  }

  if (key === 'dstore keygen') {
    const { values } = parse(rest, { out: { type: 'string' }, force: { type: 'boolean' } });
    const out = str(values.out);
    if (!out) throw new UsageError('--out <dir> is required');
    const files = ['dstore-private.pem', 'dstore-public.pem', 'pos-private.pem', 'pos-public.pem'].map((f) =>
      path.resolve(out, f),
    );
    const existing = files.filter((f) => existsSync(f));
    if (existing.length && !values.force)
      throw new UsageError(`${existing.join(', ')} already exist; pass --force to overwrite`);
    mkdirSync(out, { recursive: true, mode: 0o700 });
    for (const side of ['dstore', 'pos']) {
      const pair = generateKeyPair();
      writeFileSync(path.resolve(out, `${side}-private.pem`), pair.privateKey, { mode: 0o600 });
      writeFileSync(path.resolve(out, `${side}-public.pem`), pair.publicKey);
    }
    if (values.json) console.log(JSON.stringify({ files }, null, 2));
    else
      console.log(
        `wrote 2048-bit key pairs:\n  ${files.join('\n  ')}\nGive D-Store pos-public.pem; keep the private keys private.`,
      );
    return 0;
  }

  const config = loadConfig();

  if (key === 'pos set-order') {
    const { values, positionals } = parse(rest, {
      'pos-order-id': { type: 'string' },
      status: { type: 'string' },
      'extend-info': { type: 'string' },
    });
    const [requestOrderId, ...extra] = positionals;
    if (!requestOrderId) throw new UsageError('give the requestOrderId');
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    const posOrderId = str(values['pos-order-id']);
    if (!posOrderId) throw new UsageError('--pos-order-id is required');
    const status = str(values.status);
    if (!status || !ORDER_STATUSES.includes(status))
      throw new UsageError(`--status must be one of ${ORDER_STATUSES.join(', ')}`);
    let extendInfo: Record<string, unknown> | undefined;
    const raw = str(values['extend-info']);
    if (raw !== undefined) {
      try {
        extendInfo = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        throw new UsageError('--extend-info must be a JSON object, e.g. \'{"tableNo":"A12"}\'');
      }
      if (!extendInfo || typeof extendInfo !== 'object' || Array.isArray(extendInfo))
        throw new UsageError('--extend-info must be a JSON object');
    }
    const result = await setOrder(config, {
      requestOrderId,
      posOrderId,
      orderStatus: status,
      ...(extendInfo ? { extendInfo } : {}),
    });
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else console.log(`recorded ${requestOrderId} → ${posOrderId} (${status}) via ${result.via}`);
    return 0;
  }

  if (key === 'wechat get-order') {
    const { values, positionals } = parse(rest, {});
    if (!positionals.length) throw new UsageError('give at least one orderId');
    return withServices(config, async (s) => printCards(await s.wechatGetOrders(positionals), Boolean(values.json)));
  }

  if (key === 'ovopark search-pos') {
    const { values } = parse(rest, { 'dep-id': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } });
    const depId = Number(values['dep-id']);
    if (!Number.isInteger(depId) || depId < 1)
      throw new UsageError('--dep-id must be a positive integer (the store id)');
    const from = str(values.from);
    const to = str(values.to);
    const format = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
    if (!from || !format.test(from) || !to || !format.test(to))
      throw new UsageError('--from and --to are required, as "yyyy-MM-dd HH:mm:ss"');
    return withServices(config, async (s) => {
      const cards = await s.ovoparkSearch({ depId, from, to }, (p) =>
        process.stderr.write(
          `window ${p.windowsDone}/${p.windowsTotal}, ${p.pages} pages, ${p.tickets} tickets, ${p.calls} calls\n`,
        ),
      );
      return printCards(cards, Boolean(values.json));
    });
  }

  if (key === 'dstore inquire') {
    const { values, positionals } = parse(rest, { endpoint: { type: 'string' } });
    const [requestOrderId, ...extra] = positionals;
    if (!requestOrderId) throw new UsageError('give the requestOrderId');
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    const endpoint = str(values.endpoint) ?? `${config.endpoint.url}/v2/pos/inquireOrderDetail`;
    try {
      new URL(endpoint);
    } catch {
      throw new UsageError(`--endpoint ${endpoint} is not a URL`);
    }
    dstoreRole(config, 'client'); // not configured: one ConfigError naming the variables, exit 2
    // The allow-list (DSTORE_INQUIRE_ALLOWED_ENDPOINTS) guards the admin face, which takes URLs from
    // whoever reaches it. The CLI is the local user's own tool, run with their own rights on their
    // own network: --endpoint goes where they say (still no redirects, still a bounded answer).
    return withServices(
      config,
      async (s) => printCards(await s.dstoreInquire({ endpoint, requestOrderId }), Boolean(values.json)),
      { anyInquiryEndpoint: true },
    );
  }
  throw new UsageError(`unknown command "${key}"`);
}

// `pnpm cli … | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const e = error as Error;
  // Bad usage or input, or a configuration that cannot work (the kit's input/config kinds): 2.
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof StoreValidationError ||
    error instanceof OrderkitInputError ||
    error instanceof OrderkitConfigError
  ) {
    console.error(`error: ${e.message}`);
    process.exitCode = 2;
  } else {
    console.error(`error: ${e.message}`);
    process.exitCode = 3;
  }
}
