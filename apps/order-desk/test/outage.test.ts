/**
 * A database outage under load (issue 13, item 4). order-desk (`node dist/main.js`, one process)
 * runs on a PostgreSQL cluster of this test's own (start-test-postgres.sh on a free port and a
 * directory of its own, so stopping it touches no other test's server). Signed inquiries run in a
 * loop; the server is stopped (pg_ctl -m fast), kept down, and started again, without touching the
 * app. Every answer must be HTTP 200, signed with the POS key and valid against the spec within
 * D-Store's 8 s; while the database is down each is `U UNKNOWN_EXCEPTION` (which D-Store retries);
 * once it is back, answers return to `S` within RECOVERY_BOUND_MS on their own; no acknowledged
 * order is lost, and every inquiry answered has its audit row. The same again with a server that
 * hangs instead (SIGSTOP: connections open, nothing answers), where the endpoint's own lookup
 * deadline (3 s) must answer for it.
 * Runs where the PostgreSQL tests run (ORDERKIT_TEST_DATABASE_URL set, as `.ci/run` does, and the
 * server binaries present); skipped with the reason otherwise.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@orderkit/core';
import { DEFAULT_LOOKUP_TIMEOUT_MS } from '@orderkit/dstore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  auditCounts,
  type Desk,
  inquirer,
  killAll,
  PG_SCRIPTS,
  pgBin,
  postOrder,
  startDesk,
  writeKeys,
} from './instances.js';

const run = promisify(execFile);
/** D-Store's deadline for an answer; the endpoint's own lookup deadline is 3 s. */
const DEADLINE_MS = 8_000;
/** The endpoint's lookup deadline (@orderkit/dstore's DEFAULT_LOOKUP_TIMEOUT_MS). */
const LOOKUP_DEADLINE_MS = DEFAULT_LOOKUP_TIMEOUT_MS;
/** Answers are back to `S` at most this long after PostgreSQL accepts connections again. */
const RECOVERY_BOUND_MS = 10_000;
const ORDERS = 20;
const LOOPS = 4;
const DOWN_MS = 4_000;

const bin = pgBin();
const skip = !process.env.ORDERKIT_TEST_DATABASE_URL
  ? 'ORDERKIT_TEST_DATABASE_URL is not set (the PostgreSQL tests do not run here)'
  : !bin
    ? 'no PostgreSQL server binaries (pg_ctl) found; install postgresql or set ORDERKIT_TEST_PG_BIN'
    : undefined;
if (skip) console.warn(`database outage test SKIPPED: ${skip}`);

const order = (n: number) => ({
  requestOrderId: `outage_${n}`,
  posOrderId: `P-outage-${n}`,
  orderStatus: (['ACCEPTED', 'PREPARING', 'READY'] as const)[n % 3]!,
});

/** A cluster of this test's own: its settings for the scripts, and pg_ctl as the scripts run it. */
function ownCluster(port: number) {
  // Not under a mkdtemp folder: the server's OS user must be able to reach it.
  const dir = path.join(tmpdir(), `order-desk-outage-pg-${randomBytes(4).toString('hex')}`);
  const env = { ...process.env, ORDERKIT_TEST_PG_PORT: String(port), ORDERKIT_TEST_PG_DIR: dir };
  const asServer = (args: string[]) => {
    const pgCtl = path.join(bin!, 'pg_ctl');
    // As root the scripts run the server as the owner of its directory; so does this.
    const owner = statSync(dir).uid;
    return userInfo().uid !== 0
      ? run(pgCtl, args, { timeout: 60_000 })
      : run('runuser', ['-u', userName(owner), '--', pgCtl, ...args], { timeout: 60_000 });
  };
  return {
    async start(): Promise<string> {
      const { stdout } = await run(path.join(PG_SCRIPTS, 'start-test-postgres.sh'), [], { env, timeout: 120_000 });
      return stdout
        .trim()
        .split('\n')
        .at(-1)!
        .replace(/^ORDERKIT_TEST_DATABASE_URL=/, '');
    },
    stop: () => asServer(['-D', path.join(dir, 'data'), '-m', 'fast', '-w', 'stop']),
    restart: () =>
      asServer([
        '-D',
        path.join(dir, 'data'),
        '-l',
        path.join(dir, 'server.log'),
        '-w',
        '-t',
        '60',
        '-o',
        `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=on`,
        'start',
      ]),
    /** Every process of the server (the postmaster and its children): SIGSTOP makes it hang, SIGCONT resumes it. */
    async signal(signal: 'SIGSTOP' | 'SIGCONT') {
      const postmaster = Number(readFileSync(path.join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
      const { stdout } = await run('pgrep', ['-P', String(postmaster)]).catch(() => ({ stdout: '' }));
      const pids = [postmaster, ...stdout.split('\n').filter(Boolean).map(Number)];
      // The postmaster first on the way down (it forks no new backend), last on the way up.
      for (const p of signal === 'SIGSTOP' ? pids : pids.reverse()) process.kill(p, signal);
    },
    remove: () =>
      run(path.join(PG_SCRIPTS, 'stop-test-postgres.sh'), [], { env, timeout: 60_000 }).catch(() => undefined),
  };
}

/** The name of the OS user `uid`, for runuser (as the scripts do with `stat -c %U`). */
function userName(uid: number): string {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[2] === String(uid));
  return line?.split(':')[0] ?? String(uid);
}

describe.skipIf(skip !== undefined)('a database outage under load', { timeout: 60_000 }, () => {
  const base = mkdtempSync(path.join(tmpdir(), 'order-desk-outage-'));
  const keys = writeKeys(path.join(base, 'keys'));
  const inquire = inquirer(keys, DEADLINE_MS);
  let cluster: ReturnType<typeof ownCluster>;
  let databaseUrl: string;
  let desk: Desk;

  beforeAll(async () => {
    cluster = ownCluster(await freePort());
    databaseUrl = await cluster.start();
    desk = await startDesk(path.join(base, 'data'), {
      ...keys,
      DATABASE_URL: databaseUrl,
      ORDER_DESK_WORKERS: '1',
      PORT: '0',
      ENDPOINT_PORT: '0',
      WECHAT_BASE_URL: 'http://127.0.0.1:9',
      OVOPARK_BASE_URL: 'http://127.0.0.1:9',
    });
  });

  afterAll(async () => {
    await desk?.stop();
    killAll();
    // A test that failed while the server hung must not leave it stopped.
    await cluster?.signal('SIGCONT').catch(() => undefined);
    await cluster?.remove();
    rmSync(base, { recursive: true, force: true });
  });

  const at = () => performance.now();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /**
   * Signed inquiries in LOOPS loops over the orders; after 1.5 s `interrupt()`, `downMs` later
   * `resume()`; the load goes on until an inquiry sent after `resume` returned gets `S` (or the
   * bound has passed), then 2 s more. The answers by phase, each phase's by when it was sent and
   * answered; `recoveredMs`: from `resume` done to the first `S` sent after it.
   */
  async function underLoad(
    name: string,
    interrupt: () => Promise<unknown>,
    resume: () => Promise<unknown>,
    downMs = DOWN_MS,
  ) {
    const answers: Answer[] = [];
    let loading = true;
    let next = 0;
    const loops = Array.from({ length: LOOPS }, async () => {
      while (loading) answers.push(await inquire(desk.endpointUrl, order(next++ % ORDERS).requestOrderId));
    });
    await sleep(1_500);
    const interrupting = at();
    await interrupt();
    const down = at();
    await sleep(downMs);
    const resuming = at();
    // A write while the database is away: refused, timed out, or acknowledged once it is back.
    const write = postOrder(desk.adminUrl, order(ORDERS)).catch(() => 0);
    await resume();
    const up = at();
    let recovered: number | undefined;
    while (at() - up < RECOVERY_BOUND_MS + 5_000) {
      recovered = answers.find((x) => x.sentAt >= up && x.code === 'S SUCCESS')?.sentAt;
      if (recovered !== undefined) break;
      await sleep(50);
    }
    await sleep(2_000);
    loading = false;
    await Promise.all(loops);
    const phases = {
      answers,
      before: answers.filter((x) => x.sentAt + x.latencyMs < interrupting),
      away: answers.filter((x) => x.sentAt >= down && x.sentAt + x.latencyMs < resuming),
      after: answers.filter((x) => recovered !== undefined && x.sentAt >= recovered + 500),
      recoveredMs: recovered === undefined ? undefined : recovered - up,
      write: await write,
    };
    const maxAway = Math.max(...phases.away.map((x) => x.latencyMs));
    console.log(
      `${name}: ${answers.length} answers; before ${phases.before.length}, while away ${phases.away.length} (max ${maxAway.toFixed(0)} ms), ` +
        `after recovery ${phases.after.length}; S again ${phases.recoveredMs?.toFixed(0) ?? 'never'} ms after PostgreSQL was back (bound ${RECOVERY_BOUND_MS} ms); ` +
        `interrupt ${(down - interrupting).toFixed(0)} ms, resume ${(up - resuming).toFixed(0)} ms`,
    );
    return phases;
  }

  /** What must hold whatever took the database away. */
  async function expectOutageHandled(phases: Awaited<ReturnType<typeof underLoad>>, pid: number | undefined) {
    const { answers, before, away, after, recoveredMs } = phases;
    // Every answer, whenever it came: HTTP 200 with a result, signed, spec-valid, within the deadline.
    expect(answers.flatMap((x) => x.problems)).toEqual([]);
    expect(answers.filter((x) => x.latencyMs > DEADLINE_MS)).toEqual([]);
    expect(answers.filter((x) => !['S SUCCESS', 'U UNKNOWN_EXCEPTION'].includes(x.code))).toEqual([]);
    expect(before.length).toBeGreaterThan(10);
    expect(new Set(before.map((x) => x.code))).toEqual(new Set(['S SUCCESS']));
    expect(away.length).toBeGreaterThanOrEqual(LOOPS);
    expect(new Set(away.map((x) => x.code))).toEqual(new Set(['U UNKNOWN_EXCEPTION']));
    expect(recoveredMs, 'answers returned to S').toBeDefined();
    expect(recoveredMs).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
    expect(after.length).toBeGreaterThan(10);
    expect(new Set(after.map((x) => x.code))).toEqual(new Set(['S SUCCESS']));
    for (const x of [...before, ...after]) {
      const o = order(Number(x.requestOrderId.split('_')[1]));
      expect([x.posOrderId, x.orderStatus]).toEqual([o.posOrderId, o.orderStatus]);
    }

    // The same process all along, and it takes writes again.
    expect(desk.child.pid).toBe(pid);
    expect(desk.child.exitCode).toBeNull();
    expect(await postOrder(desk.adminUrl, order(ORDERS + 1))).toBe(201);
    // Every acknowledged order is there.
    const listed = (await (await fetch(`${desk.adminUrl}/api/pos/orders`)).json()) as {
      orders: Array<{ requestOrderId: string }>;
    };
    const ids = new Set(listed.orders.map((o) => o.requestOrderId));
    for (let n = 0; n < ORDERS; n++) expect(ids.has(order(n).requestOrderId)).toBe(true);
    // The write sent while the database was away, if it was acknowledged once it came back.
    if (phases.write === 201) expect(ids.has(order(ORDERS).requestOrderId)).toBe(true);
  }

  /** Received inquiries in the audit log, all ids together. */
  const auditRows = () => auditCounts(databaseUrl).then((m) => [...m.values()].reduce((a, b) => a + b, 0));
  /** Waits (up to 10 s) for `n` rows: those of the outage are written once it is over. */
  async function expectAuditRows(n: number) {
    let rows = 0;
    for (let t = 0; t < 100 && rows < n; t++) {
      rows = await auditRows();
      if (rows < n) await sleep(100);
    }
    expect(rows).toBe(n);
  }

  it('answers U UNKNOWN_EXCEPTION while PostgreSQL is stopped, S again once it is back, and loses nothing acknowledged', async () => {
    for (let n = 0; n < ORDERS; n++) expect(await postOrder(desk.adminUrl, order(n))).toBe(201);
    const pid = desk.child.pid;
    const rowsBefore = await auditRows();
    const phases = await underLoad('stopped', cluster.stop, cluster.restart);
    await expectOutageHandled(phases, pid);
    // A write while the server is down is refused at once, never acknowledged.
    expect(phases.write).not.toBe(201);
    // Every inquiry answered has its audit row, those answered while the database was down included.
    await expectAuditRows(rowsBefore + phases.answers.length);
  });

  it('answers U UNKNOWN_EXCEPTION within the deadline while PostgreSQL hangs (SIGSTOP), S again after SIGCONT', async () => {
    const pid = desk.child.pid;
    const rowsBefore = await auditRows();
    // Longer away: each answer then takes the lookup's 3 s, and every loop must see a few.
    const phases = await underLoad(
      'hung',
      () => cluster.signal('SIGSTOP'),
      () => cluster.signal('SIGCONT'),
      7_000,
    );
    await expectOutageHandled(phases, pid);
    // The lookup's own deadline answers first: the endpoint does not wait for the database.
    expect(Math.max(...phases.away.map((x) => x.latencyMs))).toBeLessThan(LOOKUP_DEADLINE_MS + 2_000);
    await expectAuditRows(rowsBefore + phases.answers.length);
  });
});
