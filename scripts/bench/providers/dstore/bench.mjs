/**
 * The D-Store part of `pnpm bench` (found by run.mjs as scripts/bench/providers/<id>/bench.mjs):
 * load on order-desk's D-Store endpoint next to the machine's RSA-2048 limit, load shedding, and,
 * when it falls short, a CPU profile and the same requests against less stack. Returns its rows of
 * the summary table. See scripts/bench/README.md for what is measured and how to read it.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { f0, f1, mib, ms, num, out, run, section } from '../../harness.mjs';
import { formatSummary, summarise } from '../../profile.mjs';
import { drive, loadDevKeys, recordOrders, SHED_CODE, signPool, startApp, startReference } from './endpoint.mjs';

const env = process.env;
const cfg = {
  durationS: num('BENCH_DURATION_S', 10),
  warmupS: num('BENCH_WARMUP_S', 3),
  connections: (env.BENCH_CONNECTIONS ?? '1,4,16,64')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0),
  shedConnections: num('BENCH_SHED_CONNECTIONS', 64),
  shedDurationS: num('BENCH_SHED_DURATION_S', 8),
  profileS: num('BENCH_PROFILE_S', 5),
  referenceS: num('BENCH_REFERENCE_S', 5),
  profile: env.BENCH_PROFILE ?? 'auto', // auto (only when the endpoint falls short) | always | never
  poolSize: num('BENCH_POOL', 2000),
  orders: 100,
};
const TARGET_SHARE = 0.7;
const TARGET_P99_MS = 50;
// ---------------------------------------------------------------------------------------------
// 1. The machine's own limit: openssl speed, plus node:crypto for comparison.

async function opensslSpeed() {
  const r = await run('openssl', ['speed', '-seconds', '3', 'rsa2048'], { timeoutMs: 30_000 });
  const m = /rsa\s+2048 bits\s+([\d.]+)s\s+([\d.]+)s\s+([\d.]+)\s+([\d.]+)/.exec(r.stdout);
  if (!m) return { ok: false, why: r.timedOut ? 'timed out' : (r.stderr.trim().split('\n').pop() ?? `exit ${r.code}`) };
  return {
    ok: true,
    signPerS: Number(m[3]),
    verifyPerS: Number(m[4]),
    version: /version: (\S+)/.exec(r.stdout)?.[1] ?? '?',
    line: m[0],
  };
}

async function nodeCryptoSpeed() {
  // The one key generator, @orderkit/dstore's (TypeScript source, loaded through tsx).
  const { generateKeyPair } = await tsImport('../../../../packages/dstore/src/keys.ts', import.meta.url);
  const pair = generateKeyPair();
  const privateKey = createPrivateKey(pair.privateKey);
  const publicKey = createPublicKey(pair.publicKey);
  const data = Buffer.from(
    'POST /v2/pos/inquireOrderDetail\n375Y93BENCH0P00050.2023-08-28T22:16:07+08:00.{"result":{"resultStatus":"S"}}',
  );
  // Best of three short windows: other processes on a shared machine only ever lower the figure.
  const rate = (fn, seconds) => {
    for (let i = 0; i < 20; i++) fn();
    let best = 0;
    for (let round = 0; round < 3; round++) {
      let n = 0;
      const start = performance.now();
      const end = start + (seconds / 3) * 1000;
      while (performance.now() < end) {
        for (let i = 0; i < 10; i++) fn();
        n += 10;
      }
      best = Math.max(best, n / ((performance.now() - start) / 1000));
    }
    return best;
  };
  const signature = sign('sha256', data, privateKey);
  return {
    signPerS: rate(() => sign('sha256', data, privateKey), 1.5),
    verifyPerS: rate(() => verify('sha256', data, publicKey, signature), 0.5),
    openssl: process.versions.openssl,
  };
}

// ---------------------------------------------------------------------------------------------

function runLine(label, r) {
  const codes =
    Object.entries(r.codes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  const extra =
    r.errors || r.timeouts || r.non2xx ? `  errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}` : '';
  return (
    `${label.padEnd(14)} ${f0(r.rps).padStart(6)} req/s   p50 ${ms(r.p50).padStart(9)}   p99 ${ms(r.p99).padStart(9)}   max ${ms(r.max).padStart(9)}` +
    `   app CPU ${f0(r.cpuPercent).padStart(3)} %   loadgen CPU ${f0(r.loadgenCpuPercent).padStart(3)} %   peak RSS ${mib(r.peakRssMiB)}\n` +
    `${''.padEnd(14)} answers: ${codes}; answer signatures verified ${r.verified}/${r.verified + r.badSignatures} sampled${extra}`
  );
}

/** Runs the D-Store bench; resolves the summary rows `[figure, measured, target, verdict]` and closing notes. */
export async function bench() {
  section('RSA-2048 on this machine (one core)');
  const ossl = await opensslSpeed();
  if (ossl.ok)
    out(
      `openssl speed -seconds 3 rsa2048 (OpenSSL ${ossl.version}):  sign ${f0(ossl.signPerS)}/s   verify ${f0(ossl.verifyPerS)}/s`,
    );
  else out(`openssl speed could not run (${ossl.why}); node:crypto's rate below is the reference instead`);
  const nodeSpeed = await nodeCryptoSpeed();
  out(
    `node:crypto in this process (OpenSSL ${nodeSpeed.openssl}):      sign ${f0(nodeSpeed.signPerS)}/s   verify ${f0(nodeSpeed.verifyPerS)}/s`,
  );
  const signPerS = ossl.ok ? ossl.signPerS : nodeSpeed.signPerS;
  const verifyPerS = ossl.ok ? ossl.verifyPerS : nodeSpeed.verifyPerS;
  const cryptoCeiling = 1 / (1 / signPerS + 1 / verifyPerS);
  // order-desk is one Node process; JS and node:crypto's one-shot sign/verify run on its main
  // thread, so one core does the work whatever the machine has.
  const coresInUse = 1;
  const targetRps = TARGET_SHARE * signPerS * coresInUse;
  out(`each answer = 1 verify + 1 sign: crypto-only ceiling ${f0(cryptoCeiling)} answers/s per core`);
  out(
    `target: ≥ ${TARGET_SHARE * 100} % × ${f0(signPerS)} sign/s × ${coresInUse} core in use = ${f0(targetRps)} req/s, p99 < ${TARGET_P99_MS} ms at that load`,
  );

  const workDir = mkdtempSync(path.join(os.tmpdir(), 'orderkit-bench-'));
  const dataDir = path.join(workDir, 'data');
  mkdirSync(dataDir);
  const sink = {};
  let app;
  const sweep = [];
  let pool;
  let keys;
  let hwmMiB = NaN;
  try {
    section('order-desk D-Store endpoint: capacity');
    const t0 = performance.now();
    app = await startApp({ dataDir });
    out(
      `order-desk (pid ${app.pid}) at ${app.url}, started in ${f0(performance.now() - t0)} ms; store PGlite in ${dataDir}`,
    );
    const orderIds = await recordOrders(app.url, cfg.orders);
    keys = loadDevKeys(dataDir);
    const t1 = performance.now();
    pool = signPool({ keys, orderIds, size: cfg.poolSize, sink });
    out(
      `recorded ${orderIds.length} orders via POST /api/pos/orders; pre-signed ${pool.length} distinct requests (${orderIds.length} ids × ${Math.ceil(pool.length / orderIds.length)} Request-Times) in ${f0(performance.now() - t1)} ms`,
    );
    out(
      `autocannon ${cfg.durationS} s per point, keep-alive, the pool cycled; latency = request written → answer parsed`,
    );
    const warm = await drive({
      url: app.endpointUrl,
      pool,
      sink,
      connections: 4,
      durationS: cfg.warmupS,
      pid: app.pid,
      keys,
    });
    out(runLine(`warm-up (4c)`, warm));
    for (const connections of cfg.connections) {
      const r = await drive({
        url: app.endpointUrl,
        pool,
        sink,
        connections,
        durationS: cfg.durationS,
        pid: app.pid,
        keys,
      });
      sweep.push(r);
      out(runLine(`${connections} conn`, r));
    }
    hwmMiB = sweep.at(-1)?.hwmMiB ?? NaN;
  } finally {
    await app?.stop();
    app = undefined;
  }
  const allS = sweep.every(
    (r) => r.success === r.answered && r.answered > 0 && r.errors === 0 && r.badSignatures === 0,
  );
  const within = sweep.filter((r) => r.p99 < TARGET_P99_MS);
  const best = (within.length ? within : sweep).reduce((a, b) => (b.rps > a.rps ? b : a));
  const peakRss = Math.max(...sweep.map((r) => r.peakRssMiB));
  out(
    `capacity: ${f0(best.rps)} req/s at ${best.connections} connection(s), p99 ${ms(best.p99)} = ${f1((best.rps / signPerS) * 100)} % of openssl's sign rate on one core (target ${TARGET_SHARE * 100} %)`,
  );
  const perCpuSecond = best.rps / Math.max(0.01, best.cpuPercent / 100);
  out(
    `app CPU ≈ ${f0(best.cpuPercent)} % of one core at that load (main thread + GC/libuv helpers) → ${f0(perCpuSecond)} answers per app CPU-second`,
  );
  out(
    `app peak RSS ${mib(peakRss)} (VmRSS sampled every 100 ms), VmHWM ${mib(hwmMiB)} (since start, warm-up included)`,
  );
  const shortfall = best.rps < targetRps || best.p99 >= TARGET_P99_MS;

  // -------------------------------------------------------------------------------------------
  section('load shedding past capacity (DSTORE_RATE_LIMIT_RPS)');
  const limit = Math.max(10, Math.round(best.rps * 0.5));
  let shed;
  try {
    app = await startApp({ dataDir, env: { DSTORE_RATE_LIMIT_RPS: String(limit) } });
    out(
      `order-desk restarted with DSTORE_RATE_LIMIT_RPS=${limit} (½ the measured capacity); ${cfg.shedConnections} connections for ${cfg.shedDurationS} s`,
    );
    await drive({ url: app.endpointUrl, pool, sink, connections: 4, durationS: 1, pid: app.pid, keys });
    shed = await drive({
      url: app.endpointUrl,
      pool,
      sink,
      connections: cfg.shedConnections,
      durationS: cfg.shedDurationS,
      pid: app.pid,
      keys,
    });
    out(runLine(`${cfg.shedConnections} conn`, shed));
  } finally {
    await app?.stop();
    app = undefined;
  }
  const shedAvailable = shed.shed > 0;
  const reference = sweep.find((r) => r.connections === cfg.shedConnections);
  const acceptedPerS = (shed.success / shed.answered) * shed.rps;
  if (shedAvailable) {
    out(
      `result codes: ${Object.entries(shed.codes)
        .map(([k, v]) => `${k} ${v} (${f1((v / shed.answered) * 100)} %)`)
        .join(', ')}`,
    );
    out(
      `accepted ${f0(acceptedPerS)} S/s against a limit of ${limit}/s; shed ${f0((shed.shed / shed.answered) * shed.rps)}/s`,
    );
  } else {
    out(
      `NOT AVAILABLE: no ${SHED_CODE} answer under overload — this build of order-desk does not honour DSTORE_RATE_LIMIT_RPS yet (the handler's rateLimit option is in progress); the run above is plain overload`,
    );
  }
  if (reference)
    out(
      `same load without a limit: ${f0(reference.rps)} req/s, p99 ${ms(reference.p99)} (closed loop: latency ≈ connections ÷ throughput; a real D-Store burst is open loop and would queue further)`,
    );

  // -------------------------------------------------------------------------------------------
  let profile;
  const wantProfile = cfg.profile === 'always' || (cfg.profile === 'auto' && shortfall);
  if (wantProfile) {
    section('CPU profile of order-desk under load (--cpu-prof)');
    const profDir = path.join(workDir, 'profile');
    mkdirSync(profDir);
    try {
      app = await startApp({ dataDir, cpuProfDir: profDir });
      await drive({
        url: app.endpointUrl,
        pool,
        sink,
        connections: best.connections,
        durationS: 1,
        pid: app.pid,
        keys,
      });
      const r = await drive({
        url: app.endpointUrl,
        pool,
        sink,
        connections: best.connections,
        durationS: cfg.profileS,
        pid: app.pid,
        keys,
      });
      out(runLine(`${best.connections} conn, prof`, r));
      await app.stop();
      app = undefined;
      // One file per thread (CPU.<date>.<time>.<pid>.<threadId>.<seq>.cpuprofile); thread 0 is the main thread.
      const files = readdirSync(profDir).filter((n) => n.endsWith('.cpuprofile'));
      const file = files.find((n) => /\.0\.\d+\.cpuprofile$/.test(n)) ?? files[0];
      if (!file) throw new Error('no .cpuprofile written');
      profile = summarise(path.join(profDir, file), { fromUs: r.monoStartUs, toUs: r.monoEndUs });
      out(formatSummary(profile, 15, Math.round(r.rps * cfg.profileS)));
      out(`  profile kept at ${path.join(profDir, file)} (open in Chrome DevTools › Performance)`);
    } catch (error) {
      out(`profile could not be taken: ${error.message}`);
    } finally {
      await app?.stop();
      app = undefined;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Where the gap is, measured: the same pre-signed requests against less and less stack.
  const references = [];
  if (wantProfile) {
    section('same requests, less stack (reference servers in scripts/bench/providers/dstore/)');
    const at = 4;
    const mine = sweep.find((r) => r.connections === at) ?? best;
    out(
      `${`order-desk`.padEnd(48)} ${f0(mine.rps).padStart(5)} req/s  p99 ${ms(mine.p99).padStart(8)}  RSS ${mib(mine.peakRssMiB)}  (${mine.connections} conn, from the sweep)`,
    );
    for (const [kind, what] of [
      ['handler', 'dstore handler alone (node:http, Map, no audit)'],
      ['floor', 'node:http + node:crypto only (floor)'],
    ]) {
      let server;
      try {
        server = await startReference(kind, { dataDir });
        await drive({ url: server.url, pool, sink, connections: at, durationS: 1, pid: server.pid, keys });
        const r = await drive({
          url: server.url,
          pool,
          sink,
          connections: at,
          durationS: cfg.referenceS,
          pid: server.pid,
          keys,
        });
        const okAll = r.success === r.answered && r.badSignatures === 0;
        out(
          `${what.padEnd(48)} ${f0(r.rps).padStart(5)} req/s  p99 ${ms(r.p99).padStart(8)}  RSS ${mib(r.peakRssMiB)}  (${at} conn; ${
            okAll
              ? 'all S SUCCESS, signatures verified'
              : Object.entries(r.codes)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')
          })`,
        );
        references.push({ kind, what, ...r });
      } catch (error) {
        out(`${what}: could not run (${error.message.split('\n')[0]})`);
      } finally {
        await server?.stop();
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  const rows = [];
  const verdict = (ok) => (ok ? 'PASS' : 'FALL SHORT');
  rows.push([
    'openssl RSA-2048 sign / verify, 1 core',
    `${f0(signPerS)} / ${f0(verifyPerS)} per s`,
    ossl.ok ? 'reference' : 'reference (node:crypto)',
    '',
  ]);
  rows.push(['crypto-only ceiling (1 verify + 1 sign)', `${f0(cryptoCeiling)} answers/s`, 'reference', '']);
  rows.push([
    `endpoint capacity (${best.connections} conn, ${coresInUse} core)`,
    `${f0(best.rps)} req/s = ${f1((best.rps / signPerS) * 100)} %`,
    `≥ ${f0(targetRps)} req/s (${TARGET_SHARE * 100} %)`,
    verdict(best.rps >= targetRps),
  ]);
  rows.push([
    '  answers per app CPU-second',
    `${f0(perCpuSecond)} = ${f1((perCpuSecond / signPerS) * 100)} %`,
    `≥ ${f0(targetRps)} (${TARGET_SHARE * 100} %)`,
    verdict(perCpuSecond >= targetRps),
  ]);
  rows.push([
    'p50 / p99 at that load',
    `${ms(best.p50)} / ${ms(best.p99)}`,
    `p99 < ${TARGET_P99_MS} ms`,
    verdict(best.p99 < TARGET_P99_MS),
  ]);
  for (const r of sweep)
    if (r !== best) rows.push([`  ${r.connections} conn`, `${f0(r.rps)} req/s, p99 ${ms(r.p99)}`, '', '']);
  for (const r of references)
    rows.push([
      `  ${r.kind === 'floor' ? 'floor: node:http + node:crypto only' : 'handler alone, no Hono/PGlite'} (${r.connections} conn)`,
      `${f0(r.rps)} req/s = ${f1((r.rps / signPerS) * 100)} %`,
      'reference',
      '',
    ]);
  rows.push([
    'answers during capacity runs',
    allS
      ? `all S SUCCESS (${sweep.reduce((a, r) => a + r.answered, 0)})`
      : Object.entries(
          sweep
            .flatMap((r) => Object.entries(r.codes))
            .reduce((a, [k, v]) => Object.assign(a, { [k]: (a[k] ?? 0) + v }), {}),
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
    'all S SUCCESS, signed',
    allS ? 'PASS' : 'FAIL',
  ]);
  rows.push(['app peak RSS under load', mib(peakRss), 'report', '']);
  if (shedAvailable) {
    rows.push([`shedding: ${SHED_CODE}`, `${shed.shed} of ${shed.answered} answers`, `sheds above ${limit}/s`, 'PASS']);
    // The bucket starts full: one second's burst on top of the rate over the run.
    const allowed = limit * (1 + 1 / cfg.shedDurationS) * 1.05;
    rows.push([
      'shedding: accepted rate',
      `${f0(acceptedPerS)} S/s`,
      `≤ ${limit}/s (+ burst)`,
      verdict(acceptedPerS <= allowed),
    ]);
    rows.push([
      `shedding: p99 (${cfg.shedConnections} conn)`,
      ms(shed.p99),
      `bounded, < ${TARGET_P99_MS} ms`,
      verdict(shed.p99 < TARGET_P99_MS),
    ]);
    rows.push(['shedding: peak RSS', mib(shed.peakRssMiB), 'report', '']);
  } else {
    rows.push([`shedding: ${SHED_CODE}`, 'none seen', `sheds above ${limit}/s`, 'NOT AVAILABLE']);
    rows.push([
      `overload p99 (${cfg.shedConnections} conn, no limit)`,
      ms(shed.p99),
      `< ${TARGET_P99_MS} ms with shedding`,
      verdict(shed.p99 < TARGET_P99_MS),
    ]);
  }
  const notes = [];
  if (profile) {
    const top = profile.areas
      .slice(0, 4)
      .map((a) => `${a.name} ${f0(a.share * 100)} %`)
      .join('; ');
    notes.push(
      `where the time goes (main thread, busy time): ${top}. See scripts/bench/README.md for what would close the gap.`,
    );
  }
  rmSync(dataDir, { recursive: true, force: true });
  if (!profile) rmSync(workDir, { recursive: true, force: true });
  return { rows, notes };
}
