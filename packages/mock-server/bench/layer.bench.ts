/**
 * What the behaviour layer costs, and how long `pnpm mock` takes to be ready:
 *
 * - requests/s of WeChat `getOrder` through the layer + Prism's validating proxy (`pnpm mock`'s
 *   WeChat) next to Prism alone mocking the same bundle, same request (a valid token, a fixture
 *   id), same run, interleaved in rounds so that drift on a shared machine hits both alike;
 *   8 keep-alive connections, each sending its next request when the previous answer is read;
 * - the time `startMocks()` of every provider takes to be ready (what `pnpm mock` waits for).
 *
 *   pnpm --filter @orderkit/mock-server bench
 *   BENCH_SECONDS=4 BENCH_CONNECTIONS=8 …      seconds per target (default 20), connections
 */
import http from 'node:http';
import { freePort } from '@orderkit/core';
import { MOCK_CREDENTIALS } from '@orderkit/wechat';
import { startPrism } from '../src/prism.js';
import { bundlePath, startMocks } from '../src/index.js';

const count = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = count('BENCH_SECONDS', 20);
const CONNECTIONS = count('BENCH_CONNECTIONS', 8);
const ROUNDS = 4;
const ORDER_ID = 'DD2981741311549200000';
const host = '127.0.0.1';

/** Requests answered with errcode 0 per second over `ms`, from `CONNECTIONS` keep-alive connections. */
async function load(url: string, ms: number): Promise<{ ok: number; failed: number; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const target = new URL(url);
  const end = performance.now() + ms;
  let ok = 0;
  let failed = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = http.get(
        { agent, host: target.hostname, port: target.port, path: target.pathname + target.search },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode === 200 && body.startsWith('{"errcode":0')) ok++;
            else failed++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
        resolve();
      });
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

const f1 = (n: number) => n.toFixed(1);

// 1. `pnpm mock` readiness: every provider's mock, from nothing to all answering.
const t0 = performance.now();
const all = await startMocks({ ports: Object.fromEntries(['dstore', 'ovopark', 'wechat'].map((p) => [p, 0])) });
const readyS = (performance.now() - t0) / 1000;
await all.stop();

// 2. The same getOrder, through the layer and from Prism alone.
const layered = await startMocks({ only: ['wechat'], ports: { wechat: 0 } });
const prism = await startPrism({ specFile: bundlePath('wechat'), host, port: await freePort(host) });
try {
  const layerBase = layered.urls.wechat ?? '';
  const { appId, appSecret } = MOCK_CREDENTIALS;
  const token = (await (
    await fetch(`${layerBase}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`)
  ).json()) as { access_token: string };
  const path = (t: string) => `/wxa/charge/service-provider/order/get?orderId=${ORDER_ID}&access_token=${t}`;
  const targets = [
    { name: 'layer', url: `${layerBase}${path(token.access_token)}`, ok: 0, failed: 0, seconds: 0 },
    { name: 'prism', url: `${prism.url}${path(token.access_token)}`, ok: 0, failed: 0, seconds: 0 },
  ];
  for (const t of targets) await load(t.url, 1_000); // warm-up (JIT, sockets, Prism's caches)
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of round % 2 ? [...targets].reverse() : targets) {
      const r = await load(t.url, (SECONDS * 1000) / ROUNDS);
      t.ok += r.ok;
      t.failed += r.failed;
      t.seconds += r.seconds;
    }
  }
  const rate = (t: (typeof targets)[number]) => ({ rps: t.ok / t.seconds, failed: t.failed });
  const layer = rate(targets[0]!);
  const alone = rate(targets[1]!);
  console.log(
    `bench: ${CONNECTIONS} keep-alive connections, ${SECONDS} s per target in ${ROUNDS} interleaved rounds; failed answers: layer ${layer.failed}, Prism ${alone.failed}`,
  );
  console.log(
    `bench: mock layer+Prism ${f1(layer.rps)} req/s vs Prism alone ${f1(alone.rps)} req/s = ${(layer.rps / alone.rps).toFixed(2)}× (target ≥ 0.8×)`,
  );
  console.log(`bench: pnpm mock ready in ${f1(readyS)} s`);
} finally {
  await Promise.all([layered.stop(), prism.stop()]);
}
