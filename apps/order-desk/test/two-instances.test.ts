/**
 * Two order-desk instances on one PostgreSQL (issue 13, item 3), as users run them to go past one
 * machine: real processes (`node dist/main.js`), distinct ports and data folders, one database.
 * Instance A runs its endpoint in two workers (ORDER_DESK_WORKERS=2), B in one process. Signed
 * inquiries go to both; an order written through one is read through the other; every answer is
 * checked on the wire and every inquiry must have its audit row; the WeChat token is fetched once
 * for both (counted on a fake WeChat).
 * Needs ORDERKIT_TEST_DATABASE_URL (`.ci/run` starts a throwaway PostgreSQL); skipped without it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { spec as wechatSpec } from '@orderkit/wechat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  auditCounts,
  createDatabase,
  type Desk,
  inquirer,
  killAll,
  postOrder,
  startDesk,
  writeKeys,
} from './instances.js';

const adminUrl = process.env.ORDERKIT_TEST_DATABASE_URL;
if (!adminUrl) {
  console.warn(
    'two-instances test SKIPPED: set ORDERKIT_TEST_DATABASE_URL (export "$(packages/order-store/scripts/start-test-postgres.sh)") to run it.',
  );
}

const ORDERS = 20;
const STATUSES = ['ACCEPTED', 'PREPARING', 'READY', 'COMPLETED'] as const;
const order = (n: number, via: string) => ({
  requestOrderId: `two_${via}_${n}`,
  posOrderId: `P-${via}-${n}`,
  orderStatus: STATUSES[n % STATUSES.length]!,
});

/** A WeChat that issues a token per /cgi-bin/token call (each invalidating the previous, as WeChat does). */
function fakeWeChat() {
  const paid = (wechatSpec.components.examples as Record<string, { value: unknown }>).GetOrderPaid!.value;
  let current = '';
  const counts = { token: 0, order: 0, rejected: 0 };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    req.resume();
    res.setHeader('content-type', 'application/json; charset=utf-8');
    if (url.pathname === '/cgi-bin/token') {
      counts.token++;
      current = `TOKEN_${counts.token}_${'x'.repeat(32)}`;
      res.end(JSON.stringify({ access_token: current, expires_in: 7200 }));
    } else if (url.pathname === '/wxa/charge/service-provider/order/get') {
      counts.order++;
      if (url.searchParams.get('access_token') === current) res.end(JSON.stringify(paid));
      else {
        counts.rejected++;
        res.end(
          JSON.stringify({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }),
        );
      }
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  return {
    counts,
    url: '',
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return this;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const childPids = async (pid: number): Promise<number[]> => {
  const { stdout } = await promisify(execFile)('pgrep', ['-P', String(pid)]).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter(Boolean).map(Number);
};

describe.skipIf(!adminUrl)('two order-desk instances on one PostgreSQL', { timeout: 60_000 }, () => {
  const base = mkdtempSync(path.join(tmpdir(), 'order-desk-two-'));
  const keys = writeKeys(path.join(base, 'keys'));
  const inquire = inquirer(keys);
  const wechat = fakeWeChat();
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let a: Desk;
  let b: Desk;

  beforeAll(async () => {
    db = await createDatabase(adminUrl!, 'order_desk_two');
    await wechat.start();
    const env = {
      ...keys,
      DATABASE_URL: db.url,
      PORT: '0',
      ENDPOINT_PORT: '0',
      WECHAT_BASE_URL: wechat.url,
      OVOPARK_BASE_URL: 'http://127.0.0.1:9',
    };
    // At the same moment on an empty database: the migrations run once.
    [a, b] = await Promise.all([
      startDesk(path.join(base, 'a'), { ...env, ORDER_DESK_WORKERS: '2' }),
      startDesk(path.join(base, 'b'), { ...env, ORDER_DESK_WORKERS: '1' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    killAll();
    await wechat.close();
    await db?.drop();
    rmSync(base, { recursive: true, force: true });
  });

  it('answers signed inquiries at both; an order written through one is read through the other; every inquiry has its audit row', async () => {
    expect(a.output()).toMatch(/workers\s+2 processes serve/);
    // Orders written through A's admin API, and others through B's.
    const written = [
      ...Array.from({ length: ORDERS }, (_, n) => ({ desk: a, order: order(n, 'a') })),
      ...Array.from({ length: ORDERS }, (_, n) => ({ desk: b, order: order(n, 'b') })),
    ];
    for (const { desk, order } of written) expect(await postOrder(desk.adminUrl, order)).toBe(201);

    // Each order inquired at both instances (A's through its two workers), and unknown ids at both.
    const expected = new Map<string, number>();
    const jobs: Array<() => Promise<Answer>> = [];
    for (const { order: o } of written)
      for (const desk of [a, b]) {
        jobs.push(() => inquire(desk.endpointUrl, o.requestOrderId));
        expected.set(o.requestOrderId, (expected.get(o.requestOrderId) ?? 0) + 1);
      }
    for (let n = 0; n < 10; n++)
      for (const [name, desk] of [
        ['a', a],
        ['b', b],
      ] as const) {
        const id = `two_unknown_${name}_${n}`;
        jobs.push(() => inquire(desk.endpointUrl, id));
        expected.set(id, 1);
      }
    // Eight at a time: several keep-alive connections, so both of A's workers take some.
    const answers: Answer[] = [];
    for (let i = 0; i < jobs.length; i += 8) answers.push(...(await Promise.all(jobs.slice(i, i + 8).map((j) => j()))));

    expect(answers.flatMap((x) => x.problems.map((p) => `${x.requestOrderId}: ${p}`))).toEqual([]);
    const byId = new Map(written.map(({ order: o }) => [o.requestOrderId, o]));
    for (const x of answers) {
      const o = byId.get(x.requestOrderId);
      if (o) expect([x.code, x.posOrderId, x.orderStatus]).toEqual(['S SUCCESS', o.posOrderId, o.orderStatus]);
      else expect(x.code).toBe('F PROCESS_FAIL');
    }

    // Audit rows are written after the answer: wait (bounded) for all of them.
    let counts = new Map<string, number>();
    for (let t = 0; t < 50; t++) {
      counts = await auditCounts(db.url);
      if ([...expected].every(([id, n]) => counts.get(id) === n)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(Object.fromEntries([...counts].filter(([id]) => id.startsWith('two_')))).toEqual(
      Object.fromEntries(expected),
    );
  });

  it('fetches the WeChat token once for both instances', async () => {
    const lookups = await Promise.all(
      [a, b, a, b].map(async (desk, i) => {
        const res = await fetch(`${desk.adminUrl}/api/wechat/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ orderIds: [`wx_order_${i}_1`, `wx_order_${i}_2`] }),
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { cards: Array<{ outcome: string }> }).cards;
      }),
    );
    expect(lookups.flat().map((c) => c.outcome)).toEqual(Array(8).fill('ok'));
    expect(wechat.counts).toEqual({ token: 1, order: 8, rejected: 0 });
  });

  it('replaces an endpoint worker that dies, and stops all of them on SIGTERM (exit 0)', async () => {
    const pid = a.child.pid!;
    const workers = await childPids(pid);
    expect(workers).toHaveLength(2);
    process.kill(workers[0]!, 'SIGKILL');
    const deadline = Date.now() + 20_000;
    let now = workers;
    while (Date.now() < deadline) {
      now = await childPids(pid);
      if (now.length === 2 && !now.includes(workers[0]!)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(now).toHaveLength(2);
    expect(now).not.toContain(workers[0]);
    expect(a.output()).toContain(`order-desk: endpoint worker ${workers[0]} exited (SIGKILL); starting another`);
    // Give the replacement its turn on the shared listener, then every answer is still right.
    await new Promise((r) => setTimeout(r, 1_000));
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, n) => inquire(a.endpointUrl, order(n, 'b').requestOrderId)),
    );
    expect(answers.map((x) => [x.code, ...x.problems])).toEqual(Array(8).fill(['S SUCCESS']));

    expect(await a.stop()).toEqual({ code: 0, signal: null });
    expect(await b.stop()).toEqual({ code: 0, signal: null });
    for (const worker of now) expect(() => process.kill(worker, 0)).toThrow();
  });
});
