/**
 * What the behaviour layer costs, and how long `pnpm mock` takes to be ready:
 *
 * - requests/s of one operation through `pnpm mock`'s mock (front → Prism's engine → backend, one
 *   process) next to `prism mock --errors` alone on the same bundle, same request, same run,
 *   interleaved in rounds so that drift on a shared machine hits both alike; 8 keep-alive
 *   connections, each sending its next request when the previous answer is read. Operations:
 *   WeChat getOrder for a named example (Prism answers it from the spec) and for any other id (the
 *   backend generates the order, Prism validates it), Ovopark searchPos (gateway checks, md5
 *   signature, token, quota, seeded tickets), D-Store inquireOrderDetail (the mock verifies the
 *   request's RSA signature and signs its answer; Prism alone does neither);
 * - the time `pnpm mock` takes to be ready: from starting its process (Node, tsx, every provider's
 *   mock) to its "Ctrl-C stops them" line, median of 3.
 *
 *   pnpm --filter @orderkit/mock-server bench
 *   BENCH_SECONDS=4 BENCH_CONNECTIONS=8 …      seconds per target and operation (default 8), connections
 */
import { spawn } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign as rsaSign, verify as rsaVerify } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { freePort } from '@orderkit/core';
import { SIGNED_PATH, signatureHeader, formatMessageTime } from '@orderkit/dstore';
import { dstorePrivateKey, posPrivateKey, posPublicKey } from '@orderkit/dstore/dev-keys';
import { formatTimestamp, MOCK_CREDENTIALS as OVOPARK, sign } from '@orderkit/ovopark';
import { MOCK_CREDENTIALS as WECHAT } from '@orderkit/wechat';
import { startPrism } from '../src/prism.js';
import { bundlePath, mockSettings, PROVIDERS, startMocks } from '../src/index.js';
import { MOCK_CLIENT_ID } from '../src/providers/dstore.js';
import { writeOvoparkMockSpec } from '../src/providers/ovopark.js';

const count = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = count('BENCH_SECONDS', 8);
const CONNECTIONS = count('BENCH_CONNECTIONS', 8);
const ROUNDS = 4;
const host = '127.0.0.1';

interface Call {
  method: 'GET' | 'POST';
  /** Base URL of the server. */
  base: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Whether the answer is the success it should be. */
  ok(status: number, body: string): boolean;
}

/** Successful answers per second over `ms`, from `CONNECTIONS` keep-alive connections. */
async function load(call: Call, ms: number): Promise<{ ok: number; failed: number; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const target = new URL(call.base);
  const headers = { ...call.headers, ...(call.body ? { 'content-length': String(Buffer.byteLength(call.body)) } : {}) };
  const end = performance.now() + ms;
  let ok = 0;
  let failed = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = http.request(
        { agent, host: target.hostname, port: target.port, method: call.method, path: call.path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (call.ok(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))) ok++;
            else failed++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end(call.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { ok, failed, seconds };
}

/** Layer vs Prism alone on one operation, interleaved; requests/s of each and failed answers. */
async function compare(layer: Call, prism: Call) {
  const targets = [layer, prism].map((call) => ({ call, ok: 0, failed: 0, seconds: 0 }));
  for (const t of targets) await load(t.call, 1_000); // warm-up (JIT, sockets, Prism's caches)
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of round % 2 ? [...targets].reverse() : targets) {
      const r = await load(t.call, (SECONDS * 1000) / ROUNDS);
      t.ok += r.ok;
      t.failed += r.failed;
      t.seconds += r.seconds;
    }
  }
  const [l, p] = targets.map((t) => ({ rps: t.ok / t.seconds, failed: t.failed })) as [
    { rps: number; failed: number },
    { rps: number; failed: number },
  ];
  return { layer: l, prism: p, ratio: l.rps / p.rps };
}

const f1 = (n: number) => n.toFixed(1);

/** µs of one RSA-2048 SHA-256 sign + one verify with node:crypto in this process (best of 3 windows of 0.5 s). */
function rsaMicros(): number {
  const key = createPrivateKey(posPrivateKey);
  const pub = createPublicKey(posPublicKey);
  const data = Buffer.from('POST /v2/pos/inquireOrderDetail\nclient.2024-01-01T00:00:00+08:00.{"result":{}}');
  let best = Number.POSITIVE_INFINITY;
  for (let w = 0; w < 3; w++) {
    let n = 0;
    const started = performance.now();
    while (performance.now() - started < 500) {
      const signature = rsaSign('sha256', data, key);
      rsaVerify('sha256', data, pub, signature);
      n++;
    }
    best = Math.min(best, ((performance.now() - started) * 1000) / n);
  }
  return best;
}
const status200 = (status: number) => status === 200;

// 1. `pnpm mock` readiness: its process, from spawn to its ready line (median of 3 starts).
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
async function startCli(): Promise<number> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const p of PROVIDERS) env[mockSettings(p).portVariable] = String(await freePort(host));
  const started = performance.now();
  const child = spawn(process.execPath, ['--conditions=@orderkit/source', '--import', 'tsx', cli], { env });
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (c: Buffer) => {
        out += c.toString();
        if (out.includes('Ctrl-C stops them')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`pnpm mock exited (${code}) before it was ready:\n${out}`)));
    });
    return (performance.now() - started) / 1000;
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
  }
}
const starts: number[] = [];
for (let i = 0; i < 3; i++) starts.push(await startCli());
const readyS = starts.sort((a, b) => a - b)[1] as number;

// 2. Each operation through the layer and from Prism alone.
const mocks = await startMocks({
  ports: { dstore: 0, ovopark: 0, wechat: 0 },
  // The bench calls searchPos for one store far more than a day's quota.
  env: { MOCK_OVOPARK_QUOTA: String(1_000_000_000) },
});
const ovoparkSpec = await writeOvoparkMockSpec(bundlePath('ovopark'));
const prisms = await Promise.all(
  [bundlePath('wechat'), ovoparkSpec.file, bundlePath('dstore')].map(async (specFile) =>
    startPrism({ specFile, host, port: await freePort(host) }),
  ),
);
const [wechatPrism, ovoparkPrism, dstorePrism] = prisms.map((p) => p.url) as [string, string, string];
const results: Array<{ what: string; r: Awaited<ReturnType<typeof compare>>; target: boolean }> = [];
try {
  console.log(
    `${CONNECTIONS} keep-alive connections, ${SECONDS} s per target and operation in ${ROUNDS} interleaved rounds`,
  );
  // WeChat getOrder.
  const wechat = mocks.urls.wechat ?? '';
  const token = (
    (await (
      await fetch(
        `${wechat}/cgi-bin/token?grant_type=client_credential&appid=${WECHAT.appId}&secret=${WECHAT.appSecret}`,
      )
    ).json()) as { access_token: string }
  ).access_token;
  const getOrder = (base: string, id: string, ok: Call['ok']): Call => ({
    method: 'GET',
    base,
    path: `/wxa/charge/service-provider/order/get?orderId=${id}&access_token=${token}`,
    ok,
  });
  const orderOk = (id: string) => (status: number, body: string) =>
    status === 200 && body.startsWith('{"errcode":0') && body.includes(`"orderId":"${id}"`);
  for (const [what, id] of [
    ['WeChat getOrder, named example', 'DD2981741311549200000'],
    ['WeChat getOrder, generated order', 'BENCH-ORDER-1'],
  ] as const) {
    const r = await compare(getOrder(wechat, id, orderOk(id)), getOrder(wechatPrism, id, status200));
    results.push({ what, r, target: true });
  }

  // Ovopark searchPos: log in, then one signed search of one store-hour.
  const ovopark = mocks.urls.ovopark ?? '';
  const form = (mt: string, extra: Record<string, string>) => {
    const params: Record<string, string> = {
      _aid: OVOPARK.aid,
      _akey: OVOPARK.akey,
      _mt: mt,
      _sm: 'md5',
      _requestMode: 'post',
      _version: 'v1',
      _timestamp: formatTimestamp(Date.now(), 'Asia/Shanghai'),
      ...extra,
    };
    params._sig = sign(params, OVOPARK.secret, 'md5');
    return new URLSearchParams(params).toString();
  };
  const formType = { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' };
  const login = await fetch(`${ovopark}/cloud.api`, {
    method: 'POST',
    headers: formType,
    body: form('open.shopweb.security.mobileLogin', { userName: OVOPARK.account, password: OVOPARK.password }),
  });
  const ovoparkToken = ((await login.json()) as { data: { token: string } }).data.token;
  const search = form('open.ovopark.pos.searchPos', {
    depId: '1001',
    startTime: '2024-01-01 11:00:00',
    endTime: '2024-01-01 12:00:00',
    pageNumber: '1',
    pageSize: '100',
  });
  const searchCall = (base: string, path: string, ok: Call['ok']): Call => ({
    method: 'POST',
    base,
    path,
    headers: { ...formType, authenticator: ovoparkToken },
    body: search,
    ok,
  });
  results.push({
    what: 'Ovopark searchPos, signed',
    r: await compare(
      searchCall(ovopark, '/cloud.api', (s, body) => s === 200 && /"stat":\{[^}]*"code":0\b/.test(body)),
      searchCall(ovoparkPrism, '/cloud.api/open.ovopark.pos.searchPos', status200),
    ),
    target: true,
  });

  // D-Store inquireOrderDetail: a request signed with the development D-Store key.
  const dstore = mocks.urls.dstore ?? '';
  const body = JSON.stringify({ requestOrderId: 'pds_demo_1' });
  const time = formatMessageTime(new Date());
  const signed = (base: string, ok: Call['ok']): Call => ({
    method: 'POST',
    base,
    path: SIGNED_PATH,
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'client-id': MOCK_CLIENT_ID,
      'request-time': time,
      signature: signatureHeader({ clientId: MOCK_CLIENT_ID, time, body }, createPrivateKey(dstorePrivateKey)),
    },
    body,
    ok,
  });
  results.push({
    what: 'D-Store inquireOrderDetail, signed both ways',
    r: await compare(
      signed(dstore, (s, text) => s === 200 && text.includes('"resultStatus":"S"')),
      signed(dstorePrism, status200),
    ),
    target: false,
  });

  for (const { what, r, target } of results) {
    const failed = r.layer.failed + r.prism.failed ? `, failed answers ${r.layer.failed} / ${r.prism.failed}` : '';
    console.log(
      `bench: mock/Prism alone, ${what}: ${f1(r.layer.rps)} / ${f1(r.prism.rps)} req/s${failed} = ${r.ratio.toFixed(2)}×${
        target
          ? ' (target ≥ 0.8×)'
          : ' (no target: the mock verifies and signs with RSA-2048 per answer, Prism alone does neither)'
      }`,
    );
  }
  // The bare platform's share of a D-Store answer: what the mock costs beside its two RSA operations.
  const rsa = rsaMicros();
  const dstoreResult = results.at(-1)?.r;
  if (dstoreResult) {
    const mockUs = 1e6 / dstoreResult.layer.rps;
    const prismUs = 1e6 / dstoreResult.prism.rps;
    console.log(
      `bench: D-Store: RSA-2048 sign + verify (node:crypto, this process, same run) ${f1(rsa)} µs of the mock's ${f1(mockUs)} µs per answer; the rest ${f1(mockUs - rsa)} µs vs Prism alone ${f1(prismUs)} µs = ${(prismUs / (mockUs - rsa)).toFixed(2)}× by time`,
    );
  }
  console.log(
    `bench: pnpm mock ready in ${f1(readyS)} s (its process, from start to its ready line; median of ${starts.map(f1).join(', ')} s)`,
  );
} finally {
  await Promise.all([mocks.stop(), ...prisms.map((p) => p.stop()), ovoparkSpec.remove()]);
}
