/**
 * `pnpm contract dstore --target <url>` — the D-Store conformance runner: plays D-Store against any POS endpoint (ours or a real POS
 * provider's — D-Store gives POS providers no direct way to trigger inquireOrderDetail) and checks
 * each answer against the contract: HTTP 200, spec-valid body, a response signature that verifies
 * with the POS public key, and the right result code.
 */
import { isLoopbackHost } from '@orderkit/core';
import {
  createDStoreClient,
  DStoreKeyError,
  formatMessageTime,
  posBaseUrl,
  spec,
  type components,
  type KeyInput,
  loadPrivateKey,
  loadPublicKey,
  type SignedExchange,
} from '@orderkit/dstore';
import * as dev from '@orderkit/dstore/dev-keys';
import { ExchangeChecker } from '../exchange.js';
import { type ContractProvider, UsageError } from '../provider.js';

type ResultCode = components['schemas']['ResultCode'];
type ResultStatus = components['schemas']['ResultStatus'];

export interface ConformanceOptions {
  /** The POS endpoint: a base URL, or the full URL ending in /v2/pos/inquireOrderDetail. */
  target: string;
  clientId: string;
  /** D-Store's private key (signs the requests). */
  dstorePrivateKey: KeyInput;
  /** The POS provider's public key (verifies the answers). */
  posPublicKey: KeyInput;
  /** A requestOrderId the endpoint knows. */
  knownOrderId: string;
  /** A requestOrderId it does not know (default: a random one). */
  unknownOrderId?: string;
  timeoutMs?: number;
}

export interface CaseResult {
  name: string;
  expected: string;
  got: string;
  pass: boolean;
  /** Why it failed, one line each. */
  problems: string[];
  latencyMs: number;
}

interface Case {
  name: string;
  /** Acceptable answers, the first one preferred. */
  expect: Array<[ResultStatus, ResultCode]>;
  send: (client: ReturnType<typeof createDStoreClient>) => Promise<SignedExchange>;
}

const OPERATION = '/v2/pos/inquireOrderDetail';
const json = (requestOrderId: string) => JSON.stringify({ requestOrderId });

export function cases(options: ConformanceOptions): Case[] {
  const unknown = options.unknownOrderId ?? `orderkit-conformance-unknown-${Date.now().toString(36)}`;
  return [
    {
      name: 'valid signed request, known order',
      expect: [['S', 'SUCCESS']],
      send: (c) => c.sendSigned({ body: json(options.knownOrderId) }),
    },
    { name: 'unknown order', expect: [['F', 'PROCESS_FAIL']], send: (c) => c.sendSigned({ body: json(unknown) }) },
    {
      name: '256-character requestOrderId',
      expect: [['F', 'PARAM_ILLEGAL']],
      send: (c) => c.sendSigned({ body: json('x'.repeat(256)) }),
    },
    {
      name: 'tampered signature',
      expect: [['F', 'INVALID_SIGNATURE']],
      send: (c) =>
        c.sendSigned({ body: json(options.knownOrderId), signBody: json(`${options.knownOrderId}-tampered`) }),
    },
    {
      name: 'missing Signature header',
      expect: [['F', 'INVALID_SIGNATURE']],
      send: (c) => c.sendSigned({ body: json(options.knownOrderId), signature: null }),
    },
    {
      name: 'malformed JSON (correctly signed)',
      expect: [['F', 'PARAM_ILLEGAL']],
      send: (c) => c.sendSigned({ body: '{"requestOrderId": "abc"' }),
    },
    {
      name: 'stale Request-Time (1 hour old, correctly signed)',
      // The contract names no code for a stale request; a parameter out of range is PARAM_ILLEGAL,
      // and a POS provider that treats it as a replay may answer INVALID_SIGNATURE.
      expect: [
        ['F', 'PARAM_ILLEGAL'],
        ['F', 'INVALID_SIGNATURE'],
      ],
      send: (c) =>
        c.sendSigned({
          body: json(options.knownOrderId),
          requestTime: formatMessageTime(new Date(Date.now() - 3_600_000)),
        }),
    },
  ];
}

export function endpointBase(target: string): string {
  try {
    return posBaseUrl(target);
  } catch {
    throw new Error(
      `--target ${target} is not a URL; give the POS endpoint like http://127.0.0.1:3001/v2/pos/inquireOrderDetail (order-desk's public face)`,
    );
  }
}

/** Runs every case in order; never throws for a misbehaving endpoint (that is a failed case). */
export async function runDStoreConformance(options: ConformanceOptions): Promise<CaseResult[]> {
  const client = createDStoreClient({
    baseUrl: endpointBase(options.target),
    clientId: options.clientId,
    privateKey: options.dstorePrivateKey,
    posPublicKey: options.posPublicKey,
    timeoutMs: options.timeoutMs ?? 8_000,
  });
  const checker = new ExchangeChecker(spec);
  const results: CaseResult[] = [];
  for (const c of cases(options)) {
    const expected = c.expect.map(([s, code]) => `${s} ${code}`).join(' | ');
    const started = performance.now();
    try {
      const ex = await c.send(client);
      const problems: string[] = [];
      if (ex.status !== 200) problems.push(`HTTP ${ex.status}, the contract answers every outcome with 200`);
      const body =
        ex.body.kind === 'json'
          ? (ex.body.value as { result?: { resultStatus?: string; resultCode?: string } })
          : undefined;
      if (!body) problems.push(`body is not JSON: ${ex.text.slice(0, 80)}`);
      const violations = checker
        .check(
          { pathKey: OPERATION, method: 'post' },
          {
            request: { method: 'POST', url: `${endpointBase(options.target)}${OPERATION}`, headers: {}, body: '' },
            response: { status: ex.status, headers: Object.fromEntries(ex.headers), body: ex.text },
          },
        )
        .filter((v) => v.startsWith('response'));
      problems.push(...violations);
      if (!ex.signature.present) problems.push('the answer carries no Signature header of the documented form');
      else if (!ex.signature.verified) problems.push('the answer Signature does not verify with the POS public key');
      const got = body?.result ? `${body.result.resultStatus} ${body.result.resultCode}` : `HTTP ${ex.status}`;
      if (!c.expect.some(([s, code]) => body?.result?.resultStatus === s && body.result.resultCode === code)) {
        problems.push(`result ${got}, expected ${expected}`);
      }
      results.push({
        name: c.name,
        expected,
        got,
        pass: problems.length === 0,
        problems,
        latencyMs: Math.round(ex.latencyMs),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({
        name: c.name,
        expected,
        got: 'no answer',
        pass: false,
        problems: [message],
        latencyMs: Math.round(performance.now() - started),
      });
    }
  }
  return results;
}

/** The table a person reads: case, expected, got, pass, and each failure's reasons below it. */
export function formatTable(results: CaseResult[]): string {
  const rows = [
    ['case', 'expected', 'got', 'pass', 'ms'],
    ...results.map((r) => [r.name, r.expected, r.got, r.pass ? 'PASS' : 'FAIL', String(r.latencyMs)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  const failures = results.filter((r) => !r.pass);
  if (failures.length) {
    out.push('', 'Failures:');
    for (const f of failures) for (const p of f.problems) out.push(`  ${f.name}: ${p}`);
  }
  out.push('', `${results.filter((r) => r.pass).length} passed, ${failures.length} failed`);
  return out.join('\n');
}

/**
 * Playing D-Store needs one pair, D-Store's private key and the POS provider's public key (each a
 * PEM or a path to one), from the options or the environment. Half a pair is an error naming the
 * missing one: mixing a configured key with another never verifies.
 */
export function dstoreRoleKeys(
  privateFlag: string | undefined,
  publicFlag: string | undefined,
  env: NodeJS.ProcessEnv,
): { dstorePrivateKey: string; posPublicKey: string } {
  const privateKey = privateFlag ?? env.DSTORE_PRIVATE_KEY;
  const publicKey = publicFlag ?? env.POS_PUBLIC_KEY;
  if (privateKey && publicKey) return { dstorePrivateKey: privateKey, posPublicKey: publicKey };
  if (privateKey)
    throw new UsageError(
      'DSTORE_PRIVATE_KEY is set but POS_PUBLIC_KEY is not: playing D-Store needs both (--pos-public-key or POS_PUBLIC_KEY)',
    );
  if (publicKey)
    throw new UsageError(
      'POS_PUBLIC_KEY is set but DSTORE_PRIVATE_KEY is not: playing D-Store needs both (--dstore-private-key or DSTORE_PRIVATE_KEY)',
    );
  throw new UsageError(
    'playing D-Store needs its private key and the POS public key: set DSTORE_PRIVATE_KEY and POS_PUBLIC_KEY, or pass --dstore-private-key and --pos-public-key (a PEM or a path); against a loopback target (the mock, order-desk in development) the published development keys are used when neither is given',
  );
}

/**
 * With no key flag or variable and a loopback target: the published development keys
 * (@orderkit/dstore/dev-keys), which the D-Store mock and order-desk in development use. Anywhere
 * else keys stay required: the development keys are public, no real endpoint accepts them.
 */
export function developmentKeysFor(
  target: string,
  privateFlag: string | undefined,
  publicFlag: string | undefined,
  env: NodeJS.ProcessEnv,
): { dstorePrivateKey: string; posPublicKey: string } | undefined {
  if (
    privateFlag ||
    publicFlag ||
    env.DSTORE_PRIVATE_KEY ||
    env.POS_PUBLIC_KEY ||
    !isLoopbackHost(new URL(target).hostname)
  )
    return undefined;
  return { dstorePrivateKey: dev.dstorePrivateKey, posPublicKey: dev.posPublicKey };
}

/**
 * The pair loaded and checked before anything is sent: a missing file, or a key of the wrong kind
 * (a public key given as the private one), is bad usage naming the option or variable it came from.
 */
export function loadRoleKeys(
  privateFlag: string | undefined,
  publicFlag: string | undefined,
  env: NodeJS.ProcessEnv,
): { dstorePrivateKey: KeyInput; posPublicKey: KeyInput } {
  const { dstorePrivateKey, posPublicKey } = dstoreRoleKeys(privateFlag, publicFlag, env);
  try {
    return {
      dstorePrivateKey: loadPrivateKey(dstorePrivateKey, privateFlag ? '--dstore-private-key' : 'DSTORE_PRIVATE_KEY'),
      posPublicKey: loadPublicKey(posPublicKey, publicFlag ? '--pos-public-key' : 'POS_PUBLIC_KEY'),
    };
  } catch (error) {
    // The key errors' messages never hold key material (packages/dstore keys.ts).
    if (error instanceof DStoreKeyError) throw new UsageError(error.message);
    throw error;
  }
}

export const contractProvider: ContractProvider = {
  help: `  dstore   plays D-Store against a POS endpoint: signed valid request, unknown order,
           256-character id, tampered and missing signature, malformed JSON, stale time
    --target <url>             POS endpoint (base URL or …/v2/pos/inquireOrderDetail)
    --order <requestOrderId>   an order the endpoint knows (default pds_demo_1)
    --client-id <id>           default $DSTORE_CLIENT_ID or the development id
    --dstore-private-key <pem|path>  default $DSTORE_PRIVATE_KEY   } both are needed; a loopback
    --pos-public-key <pem|path>      default $POS_PUBLIC_KEY       } target without them: dev keys`,
  options: {
    order: { type: 'string' },
    'client-id': { type: 'string' },
    'dstore-private-key': { type: 'string' },
    'pos-public-key': { type: 'string' },
  },
  async run({ target, values, json, env }) {
    const str = (name: string) => values[name] as string | undefined;
    const devKeys = developmentKeysFor(target, str('dstore-private-key'), str('pos-public-key'), env);
    // On stderr, so that --json output stays one document.
    if (devKeys)
      console.error('keys: the published development keys (@orderkit/dstore/dev-keys), as the D-Store mock uses');
    const results = await runDStoreConformance({
      target,
      clientId: str('client-id') ?? env.DSTORE_CLIENT_ID ?? '375Y93*******P00050',
      ...(devKeys ?? loadRoleKeys(str('dstore-private-key'), str('pos-public-key'), env)),
      knownOrderId: str('order') ?? 'pds_demo_1',
    });
    if (json) {
      const failed = results.filter((r) => !r.pass).length;
      console.log(
        JSON.stringify({ provider: 'dstore', target, results, passed: results.length - failed, failed }, null, 2),
      );
    } else console.log(formatTable(results));
    return results.every((r) => r.pass) ? 0 : 1;
  },
};
