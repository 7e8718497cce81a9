/**
 * `pnpm contract <dstore|wechat|ovopark> --target <url> [--json]`
 * Exit codes: 0 every case passed; 1 a case failed; 2 bad usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTable, runDStoreConformance, type CaseResult } from './dstore-conformance.js';
import { runWeChatLive, type LiveRow } from './live.js';

const HELP = `usage: pnpm contract <provider> --target <url> [options]

  dstore   plays D-Store against a POS endpoint: signed valid request, unknown order,
           256-character id, tampered and missing signature, malformed JSON, stale time
    --target <url>             POS endpoint (base URL or …/v2/pos/inquireOrderDetail)
    --order <requestOrderId>   an order the endpoint knows (default pds_demo_1)
    --client-id <id>           default $DSTORE_CLIENT_ID or the development id
    --dstore-private-key <pem|path>  default $DSTORE_PRIVATE_KEY   } both, or neither: then
    --pos-public-key <pem|path>      default $POS_PUBLIC_KEY       } order-desk's development keys
  wechat   drives the WeChat client through Prism's validating proxy to --target
    --order <orderId>          default DD2981741311549200000; credentials from
                               $WECHAT_APPID / $WECHAT_SECRET (mock ones when unset)
  ovopark  drives the Ovopark client through Prism's validating proxy to --target
    --dep-id <id> --from "yyyy-MM-dd HH:mm:ss" --to "…"; credentials from $OVOPARK_*

  --json   machine-readable output
Exit codes: 0 all passed, 1 a case failed, 2 bad usage.`;

const devKeys = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../apps/order-desk/.data/dev-keys');

function fail(message: string): never {
  console.error(`error: ${message}\n(see pnpm contract --help)`);
  process.exit(2);
}

/**
 * Playing D-Store needs one pair, D-Store's private key and the POS provider's public key, from
 * options or the environment, or both from order-desk's development keys. Half a pair is an error
 * naming the missing one: mixing a configured key with a development key never verifies.
 */
function dstoreRoleKeys(
  privateFlag: string | undefined,
  publicFlag: string | undefined,
): { dstorePrivateKey: string; posPublicKey: string } {
  const privateKey = privateFlag ?? process.env.DSTORE_PRIVATE_KEY;
  const publicKey = publicFlag ?? process.env.POS_PUBLIC_KEY;
  if (privateKey && publicKey) return { dstorePrivateKey: privateKey, posPublicKey: publicKey };
  if (privateKey)
    fail(
      'DSTORE_PRIVATE_KEY is set but POS_PUBLIC_KEY is not: playing D-Store needs both (--pos-public-key or POS_PUBLIC_KEY)',
    );
  if (publicKey)
    fail(
      'POS_PUBLIC_KEY is set but DSTORE_PRIVATE_KEY is not: playing D-Store needs both (--dstore-private-key or DSTORE_PRIVATE_KEY)',
    );
  const [dev, devPublic] = ['dstore-private.pem', 'pos-public.pem'].map((f) => path.join(devKeys, f)) as [
    string,
    string,
  ];
  if (existsSync(dev) && existsSync(devPublic))
    return { dstorePrivateKey: readFileSync(dev, 'utf8'), posPublicKey: readFileSync(devPublic, 'utf8') };
  fail(
    `playing D-Store is not configured: set DSTORE_PRIVATE_KEY and POS_PUBLIC_KEY (or the options); order-desk writes development keys to ${devKeys} on first start`,
  );
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      order: { type: 'string' },
      'client-id': { type: 'string' },
      'dstore-private-key': { type: 'string' },
      'pos-public-key': { type: 'string' },
      'dep-id': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const provider = positionals[0];
if (!provider || !['dstore', 'wechat', 'ovopark'].includes(provider))
  fail(`name a provider: dstore, wechat or ovopark (got ${provider ?? 'none'})`);
if (!values.target) fail('--target <url> is required');
try {
  new URL(values.target);
} catch {
  fail(`--target ${values.target} is not a URL`);
}

function printLive(rows: LiveRow[]): number {
  const failed = rows.filter((r) => !r.pass).length;
  if (values.json)
    console.log(
      JSON.stringify({ provider, target: values.target, rows, passed: rows.length - failed, failed }, null, 2),
    );
  else {
    for (const r of rows) {
      console.log(`${r.pass ? 'PASS' : 'FAIL'}  ${r.operation}  HTTP ${r.status}  client: ${r.client}`);
      for (const v of r.prism) console.log(`      prism: ${v}`);
      for (const v of r.schema) console.log(`      schema: ${v}`);
    }
    console.log(`\n${rows.length - failed} passed, ${failed} failed`);
  }
  return failed || rows.length === 0 ? 1 : 0;
}

try {
  if (provider === 'dstore') {
    const results: CaseResult[] = await runDStoreConformance({
      target: values.target,
      clientId: values['client-id'] ?? process.env.DSTORE_CLIENT_ID ?? '375Y93*******P00050',
      ...dstoreRoleKeys(values['dstore-private-key'], values['pos-public-key']),
      knownOrderId: values.order ?? 'pds_demo_1',
    });
    if (values.json) {
      const failed = results.filter((r) => !r.pass).length;
      console.log(
        JSON.stringify({ provider, target: values.target, results, passed: results.length - failed, failed }, null, 2),
      );
    } else console.log(formatTable(results));
    process.exit(results.every((r) => r.pass) ? 0 : 1);
  } else if (provider === 'wechat') {
    const rows = await runWeChatLive({
      target: values.target,
      appId: process.env.WECHAT_APPID ?? 'wx0123456789abcdef',
      appSecret: process.env.WECHAT_SECRET ?? 'mock-wechat-secret',
      orderId: values.order ?? 'DD2981741311549200000',
    });
    process.exit(printLive(rows));
  } else {
    const { runOvoparkLive } = await import('./live-ovopark.js');
    const rows = await runOvoparkLive({
      target: values.target,
      depId: Number(values['dep-id'] ?? '1001'),
      from: values.from ?? '2024-01-01 11:00:00',
      to: values.to ?? '2024-01-01 12:00:00',
    });
    process.exit(printLive(rows));
  }
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
}
