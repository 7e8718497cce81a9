/**
 * ORDER_DESK_WORKERS (issue 13, item 2): requests/s of order-desk's D-Store endpoint with 1 and
 * with 2 endpoint processes, in the same run, on PostgreSQL (workers need it: the embedded store
 * has one opener). The same pre-signed requests, the same connections and duration for each count;
 * every answer's result code is counted, every 50th answer's signature verified.
 *
 * PostgreSQL: ORDERKIT_TEST_DATABASE_URL (a fresh database is created in it with psql and dropped
 * afterwards; without psql its own database is used), else a throwaway cluster started with
 * packages/order-store/scripts/start-test-postgres.sh on a free port and removed afterwards; with
 * neither, the measurement is skipped with the reason printed.
 *
 * The load generator (autocannon, in this process) runs on the same machine: on a 2-core machine
 * two workers, the primary and the load generator share two cores, so the second worker cannot
 * double the figure; the loadgen CPU column shows how much it took.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { f0, mib, ms, out, ROOT, section } from '../../harness.mjs';
import { drive, freePort, loadDevKeys, recordOrders, sampleProcess, signPool, startApp } from './endpoint.mjs';

const run = promisify(execFile);
const SCRIPTS = path.join(ROOT, 'packages', 'order-store', 'scripts');

/** The newest PostgreSQL bin folder, as the scripts look for it (ORDERKIT_TEST_PG_BIN first). */
function pgBin() {
  if (process.env.ORDERKIT_TEST_PG_BIN) return process.env.ORDERKIT_TEST_PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const newest = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin', 'psql')))
    .sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b))
    .at(-1);
  return newest && path.join(base, newest, 'bin');
}

/** A PostgreSQL for the run: `{ url, close() }`, or `{ skip: reason }`. */
async function postgres() {
  const given = process.env.ORDERKIT_TEST_DATABASE_URL;
  if (given) {
    const name = `orderkit_bench_workers_${randomBytes(4).toString('hex')}`;
    const bin = pgBin();
    const psql = [bin && path.join(bin, 'psql'), 'psql'].filter(Boolean);
    for (const command of psql) {
      try {
        await run(command, ['-X', '-q', '-d', given, '-c', `CREATE DATABASE ${name}`], { timeout: 30_000 });
        const url = new URL(given);
        url.pathname = `/${name}`;
        return {
          url: url.toString(),
          where: `a fresh database ${name} on ORDERKIT_TEST_DATABASE_URL's server`,
          close: () =>
            run(command, ['-X', '-q', '-d', given, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], {
              timeout: 30_000,
            }).catch(() => undefined),
        };
      } catch {
        // next psql, else the given database itself
      }
    }
    return { url: given, where: "ORDERKIT_TEST_DATABASE_URL's database (no psql to create a fresh one)", close() {} };
  }
  const port = await freePort();
  const dir = path.join(os.tmpdir(), `orderkit-bench-pg-${port}`);
  const env = { ...process.env, ORDERKIT_TEST_PG_PORT: String(port), ORDERKIT_TEST_PG_DIR: dir };
  try {
    const { stdout } = await run(path.join(SCRIPTS, 'start-test-postgres.sh'), [], { env, timeout: 120_000 });
    const url = stdout
      .trim()
      .split('\n')
      .at(-1)
      .replace(/^ORDERKIT_TEST_DATABASE_URL=/, '');
    return {
      url,
      where: `a throwaway cluster on port ${port} (start-test-postgres.sh)`,
      close: () =>
        run(path.join(SCRIPTS, 'stop-test-postgres.sh'), [], { env, timeout: 60_000 }).catch(() => undefined),
    };
  } catch (error) {
    const why = (error.stderr ?? error.message ?? '').trim().split('\n').pop();
    return {
      skip: `no PostgreSQL: ORDERKIT_TEST_DATABASE_URL is unset and start-test-postgres.sh could not start one (${why})`,
    };
  }
}

/** The endpoint processes of order-desk `pid`: itself with one worker, else its cluster workers. */
async function endpointPids(pid, workers) {
  if (workers <= 1) return [pid];
  const { stdout } = await run('pgrep', ['-P', String(pid)]).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter(Boolean).map(Number);
}

/**
 * Measures requests/s with each worker count in `counts` (default 1 and 2), one after the other in
 * this run. Returns `{ skipped }` with the reason, or `{ rows: [{ workers, rps, p50, p99, … }], note }`.
 */
export async function benchWorkers({
  counts = [1, 2],
  connections = 64,
  durationS = 10,
  warmupS = 3,
  poolSize = 2000,
} = {}) {
  section(`order-desk D-Store endpoint: ORDER_DESK_WORKERS ${counts.join(' vs ')} (PostgreSQL)`);
  const cores = os.availableParallelism();
  const note =
    `the load generator (autocannon, ${connections} connections, this process) shares this machine's ${cores} cores ` +
    'with the primary and the workers: figures above 1 worker are a lower bound of what a separate load generator would see';
  const pg = await postgres();
  if (pg.skip) {
    out(`SKIPPED: ${pg.skip}`);
    return { skipped: pg.skip };
  }
  out(`PostgreSQL: ${pg.where}`);
  out(`note: ${note}`);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'orderkit-bench-workers-'));
  const dataDir = path.join(workDir, 'data');
  mkdirSync(dataDir);
  const sink = {};
  const rows = [];
  let pool;
  let keys;
  try {
    for (const workers of counts) {
      const app = await startApp({
        dataDir,
        env: { DATABASE_URL: pg.url, ORDER_DESK_WORKERS: String(workers) },
      });
      try {
        // The same development keys (generated on the first start) sign every run's requests.
        if (!pool) {
          keys = loadDevKeys(dataDir);
          const orderIds = await recordOrders(app.url);
          pool = signPool({ keys, orderIds, size: poolSize, sink });
        }
        const pids = await endpointPids(app.pid, workers);
        if (warmupS > 0) await drive({ url: app.endpointUrl, pool, sink, connections, durationS: warmupS });
        const samplers = [app.pid, ...pids.filter((p) => p !== app.pid)].map((p) => sampleProcess(p));
        const r = await drive({ url: app.endpointUrl, pool, sink, connections, durationS, keys });
        const procs = samplers.map((s) => s.stop());
        const row = {
          workers,
          processes: procs.length,
          ...r,
          cpuPercent: procs.reduce((sum, p) => sum + p.cpuPercent, 0),
          peakRssMiB: procs.reduce((sum, p) => sum + p.peakRssMiB, 0),
        };
        rows.push(row);
        const codes = Object.entries(r.codes)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
        out(
          `${`${workers} worker${workers > 1 ? 's' : ''}`.padEnd(10)} ${f0(r.rps).padStart(6)} req/s   p50 ${ms(r.p50).padStart(9)}   p99 ${ms(r.p99).padStart(9)}` +
            `   app CPU ${f0(row.cpuPercent).padStart(3)} % (${row.processes} process${row.processes > 1 ? 'es' : ''})   loadgen CPU ${f0(r.loadgenCpuPercent).padStart(3)} %   RSS ${mib(row.peakRssMiB)} (sum of peaks)\n` +
            `${''.padEnd(10)} answers: ${codes || 'none'}; signatures verified ${r.verified}/${r.verified + r.badSignatures} sampled`,
        );
      } finally {
        await app.stop();
      }
    }
    const [one, two] = [rows.find((r) => r.workers === 1), rows.find((r) => r.workers === 2)];
    if (one && two)
      out(`2 workers / 1 worker: ${(two.rps / one.rps).toFixed(2)}× (${f0(two.rps)} vs ${f0(one.rps)} req/s)`);
    return { rows, note };
  } finally {
    await pg.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}
