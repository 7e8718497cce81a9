/**
 * Load bench helpers for order-desk's D-Store endpoint (POST /v2/pos/inquireOrderDetail):
 * start/stop the app as a child process, record orders, pre-sign a pool of valid requests, drive
 * them with autocannon over loopback, and sample the child's memory and CPU from /proc.
 *
 * The requests are signed here with plain node:crypto from the contract's wording (content
 * `POST /v2/pos/inquireOrderDetail\n<Client-Id>.<Request-Time>.<body>`, RSA-SHA256 PKCS#1 v1.5,
 * base64, URL-encoded), not with @orderkit/dstore, so the bench also cross-checks the package.
 */
import { spawn } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { tsImport } from 'tsx/esm/api';
import { listSpecs } from '../../../specs.mjs';
import { children, ROOT } from '../../harness.mjs';
import { benchOrder, ORDER_COUNT } from './orders.mjs';

export const DSTORE_PATH = '/v2/pos/inquireOrderDetail';
export const CLIENT_ID = '375Y93BENCH0P00050';
const MAIN = path.join(ROOT, 'apps', 'order-desk', 'src', 'main.ts');
const TSX = import.meta.resolve('tsx');
const SHED_CODE = 'REQUEST_TRAFFIC_EXCEED_LIMIT';

/** @orderkit/core's freePort (TypeScript source, loaded through tsx). */
export async function freePort() {
  const { freePort: free } = await tsImport('../../../../packages/core/src/net.ts', import.meta.url);
  return free();
}

export { children, ROOT };

/**
 * Starts order-desk (`node --conditions=@orderkit/source --import tsx apps/order-desk/src/main.ts`)
 * with its data in `dataDir` (development keys are generated under dev-keys/ on first start).
 * The child's working directory is `dataDir`, so a developer's `.env` in the repo does not leak in.
 */
export async function startApp({ dataDir, env = {}, cpuProfDir, startTimeoutMs = 180_000 }) {
  // Two listeners (issue 14): the admin face (`url`, the API that records orders) and the public
  // face (`endpointUrl`, our D-Store endpoint, what the bench drives).
  const port = await freePort();
  const endpointPort = await freePort();
  const childEnv = { ...process.env };
  // The bench measures the default store (PGlite in the data dir) with development keys.
  for (const name of [
    'DATABASE_URL',
    'DSTORE_PRIVATE_KEY',
    'DSTORE_PUBLIC_KEY',
    'POS_PRIVATE_KEY',
    'POS_PUBLIC_KEY',
    'ORDER_DESK_PUBLIC_URL',
    'DSTORE_RATE_LIMIT_RPS',
    'DSTORE_RATE_LIMIT_BURST',
    'NODE_OPTIONS',
    'ORDER_DESK_ADMIN_TOKEN',
    'ENDPOINT_HOST',
  ]) {
    delete childEnv[name];
  }
  Object.assign(childEnv, {
    PORT: String(port),
    HOST: '127.0.0.1',
    ENDPOINT_PORT: String(endpointPort),
    ORDER_DESK_DATA_DIR: dataDir,
    DSTORE_CLIENT_ID: CLIENT_ID,
    // The other providers are not used by the D-Store endpoint: each one's <ID>_BASE_URL (one per
    // specs/* folder) points at a closed loopback port.
    ...Object.fromEntries(
      listSpecs()
        .filter((id) => id !== 'dstore')
        .map((id) => [`${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_BASE_URL`, 'http://127.0.0.1:9']),
    ),
    ...env,
  });
  const args = ['--conditions=@orderkit/source', '--import', TSX];
  if (cpuProfDir) args.push('--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`);
  args.push(MAIN);
  const app = await startProcess({
    name: 'order-desk',
    args,
    cwd: dataDir,
    env: childEnv,
    ready: /order-desk ready: (http:\/\/\S+)/,
    startTimeoutMs,
  });
  return Object.assign(app, { endpointUrl: `http://127.0.0.1:${endpointPort}` });
}

/**
 * Starts a reference server from this folder on the bench's orders and order-desk's dev keys:
 * `handler` = @orderkit/dstore's handler alone on node:http (handler-only.ts), `floor` = node:http
 * + node:crypto only (floor.mjs).
 */
export async function startReference(kind, { dataDir, startTimeoutMs = 60_000 }) {
  const port = await freePort();
  const here = path.dirname(fileURLToPath(import.meta.url));
  const args =
    kind === 'handler'
      ? ['--conditions=@orderkit/source', '--import', TSX, path.join(here, 'handler-only.ts')]
      : [path.join(here, 'floor.mjs')];
  const env = {
    ...process.env,
    PORT: String(port),
    BENCH_KEYS_DIR: path.join(dataDir, 'dev-keys'),
    BENCH_CLIENT_ID: CLIENT_ID,
  };
  delete env.NODE_OPTIONS;
  return startProcess({ name: kind, args, cwd: dataDir, env, ready: /ready: (http:\/\/\S+)/, startTimeoutMs });
}

async function startProcess({ name, args, cwd, env, ready, startTimeoutMs }) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  // Both pipes are drained for the child's whole life, so a chatty child never blocks on a full pipe.
  child.stderr.on('data', (d) => (output += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${startTimeoutMs} ms:\n${tail(output)}`));
    }, startTimeoutMs);
    child.stdout.on('data', (d) => {
      output += d;
      const m = ready.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited during start-up (code ${code}, signal ${signal}):\n${tail(output)}`));
    });
  });
  return {
    url,
    pid: child.pid,
    output: () => output,
    /** SIGTERM (order-desk closes the server and the store, then exits 0; --cpu-prof writes then), SIGKILL after `graceMs`. */
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

function tail(text, lines = 15) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** The endpoint's admission figures from the admin face (`GET /api/dstore/endpoint-stats`), or null. */
export async function endpointStats(url) {
  try {
    const response = await fetch(`${url}/api/dstore/endpoint-stats`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return null;
    return (await response.json()).stats ?? null;
  } catch {
    return null;
  }
}

/** Records the bench's orders through the app's API; returns their requestOrderIds. */
export async function recordOrders(url, count = ORDER_COUNT) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const order = benchOrder(i);
    const response = await fetch(`${url}/api/pos/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(order),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status !== 201)
      throw new Error(`POST /api/pos/orders answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    await response.arrayBuffer();
    ids.push(order.requestOrderId);
  }
  return ids;
}

/** ISO 8601 with offset, whole seconds (D-Store sends +08:00). */
export function messageTime(date, offsetMinutes = 480) {
  const shifted = new Date(Math.floor(date.getTime() / 1000) * 1000 + offsetMinutes * 60_000);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const content = (time, body) => Buffer.from(`POST ${DSTORE_PATH}\n${CLIENT_ID}.${time}.${body}`, 'utf8');

/**
 * Loads the development keys order-desk generated: D-Store's private key (to sign requests) and
 * the POS public key (to verify answers).
 */
export function loadDevKeys(dataDir) {
  const dir = path.join(dataDir, 'dev-keys');
  const file = (name) => {
    const p = path.join(dir, name);
    if (!existsSync(p)) throw new Error(`order-desk did not write ${p}; cannot sign requests`);
    return readFileSync(p, 'utf8');
  };
  return {
    dstorePrivate: createPrivateKey(file('dstore-private.pem')),
    posPublic: createPublicKey(file('pos-public.pem')),
  };
}

/**
 * `size` distinct signed requests: every order id × a spread of Request-Times (one per second
 * going back from now; the handler accepts ±5 minutes, so the pool stays valid for minutes).
 * Each request is an autocannon `requests` entry whose onResponse reports to `sink.current`.
 */
export function signPool({ keys, orderIds, size, sink }) {
  const now = Date.now();
  const pool = [];
  for (let i = 0; i < size; i++) {
    const body = JSON.stringify({ requestOrderId: orderIds[i % orderIds.length] });
    const time = messageTime(new Date(now - Math.floor(i / orderIds.length) * 1000));
    const signature = encodeURIComponent(sign('sha256', content(time, body), keys.dstorePrivate).toString('base64'));
    pool.push({
      method: 'POST',
      path: DSTORE_PATH,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'client-id': CLIENT_ID,
        'request-time': time,
        signature: `algorithm=RSA256,keyVersion=1,signature=${signature}`,
      },
      body,
      onResponse: (status, responseBody, _context, headers) => sink.current?.(status, responseBody, headers),
    });
  }
  return pool;
}

/** Samples VmRSS every 100 ms and CPU time (utime+stime) of `pid`; Linux /proc, else `ps`. */
export function sampleProcess(pid) {
  const hasProc = existsSync(`/proc/${pid}/status`);
  const readStatus = () => {
    try {
      const text = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
      return { rss: kib('VmRSS'), hwm: kib('VmHWM'), threads: Number(/^Threads:\s+(\d+)/m.exec(text)?.[1] ?? NaN) };
    } catch {
      return { rss: NaN, hwm: NaN, threads: NaN };
    }
  };
  const cpuTicks = () => {
    try {
      // Fields after the ")" of comm: state is field 3; utime 14, stime 15 (1-based).
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return NaN;
    }
  };
  let peak = 0;
  const take = () => {
    const { rss } = readStatus();
    if (Number.isFinite(rss)) peak = Math.max(peak, rss);
  };
  const started = performance.now();
  const ticks0 = hasProc ? cpuTicks() : NaN;
  if (hasProc) take();
  const timer = hasProc ? setInterval(take, 100) : null;
  return {
    stop() {
      if (timer) clearInterval(timer);
      const wallS = (performance.now() - started) / 1000;
      if (!hasProc) return { peakRssMiB: NaN, hwmMiB: NaN, cpuPercent: NaN, threads: NaN };
      take();
      const { hwm, threads } = readStatus();
      // USER_HZ is 100 on Linux.
      return {
        peakRssMiB: peak / 1024,
        hwmMiB: hwm / 1024,
        cpuPercent: ((cpuTicks() - ticks0) / 100 / wallS) * 100,
        threads,
      };
    },
  };
}

const quantile = (sorted, q) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;

/**
 * Drives the pool against `url` with `connections` keep-alive connections for `durationS` seconds:
 * each connection sends its next request when the last is answered (closed loop), or, with
 * `overallRate`, at that rate over all connections (open loop while a connection is free).
 * Latencies are kept per response (autocannon's own histogram is in whole milliseconds); every
 * answer's result code is counted; every `verifyEvery`-th answer's Signature is verified.
 */
export async function drive({ url, pool, sink, connections, durationS, pid, keys, verifyEvery = 50, overallRate }) {
  const latencies = [];
  let inWindow = 0;
  const codes = new Map();
  let verified = 0;
  let badSignatures = 0;
  let seen = 0;
  sink.current = (status, body, headers) => {
    const m = /"resultStatus":"([SFU])","resultCode":"([A-Z_]+)"/.exec(body);
    const key = status !== 200 ? `HTTP ${status}` : m ? `${m[1]} ${m[2]}` : 'unparsed body';
    codes.set(key, (codes.get(key) ?? 0) + 1);
    if (keys && seen++ % verifyEvery === 0) {
      const h = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : v]),
      );
      const value = /signature=([^,]+)$/.exec(h.signature ?? '')?.[1];
      const ok =
        value !== undefined &&
        h['client-id'] === CLIENT_ID &&
        verify(
          'sha256',
          content(h['response-time'] ?? '', body),
          keys.posPublic,
          Buffer.from(decodeURIComponent(value), 'base64'),
        );
      if (ok) verified++;
      else badSignatures++;
    }
  };
  const sampler = pid ? sampleProcess(pid) : null;
  const cpu0 = process.cpuUsage();
  // Each connection gets its own slice of the pool, set in setupClient: passing the whole pool as
  // `requests` would make autocannon deep-clone and rebuild all of it once per connection, which
  // at 64 connections stalls the load generator for seconds before the first request.
  const per = Math.max(1, Math.min(pool.length, Math.max(50, Math.floor(pool.length / connections))));
  let clientIndex = 0;
  let windowEnd = Infinity;
  const pending = autocannon({
    url,
    connections,
    duration: durationS,
    requests: [pool[0]],
    timeout: 10,
    // Open loop (overload): at most this many requests a second over all connections.
    ...(overallRate ? { overallRate } : {}),
    setupClient(client) {
      const from = (clientIndex++ * per) % pool.length;
      const slice = pool.slice(from, from + per);
      client.setRequests(slice.length === per ? slice : slice.concat(pool.slice(0, per - slice.length)));
      client.on('response', (_status, _bytes, responseTime) => {
        latencies.push(responseTime);
        if (performance.now() <= windowEnd) inWindow++;
      });
    },
  });
  // autocannon sets up its connections synchronously and starts its duration timer then.
  const t0 = performance.now();
  const monoStartUs = Number(process.hrtime.bigint() / 1000n);
  // Requests/s counts only answers that arrive inside the fixed window (autocannon stops on its next
  // 1 s tick, so its own wall time overstates the window by up to a second); latency percentiles
  // take every answer, late ones included.
  windowEnd = t0 + durationS * 1000;
  const result = await pending;
  const monoEndUs = monoStartUs + durationS * 1e6;
  const wallS = Math.min((performance.now() - t0) / 1000, durationS);
  const cpu = process.cpuUsage(cpu0);
  sink.current = null;
  const proc = sampler ? sampler.stop() : {};
  latencies.sort((a, b) => a - b);
  return {
    connections,
    durationS: wallS,
    answered: latencies.length,
    rps: inWindow / wallS,
    p50: quantile(latencies, 0.5),
    p90: quantile(latencies, 0.9),
    p99: quantile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? NaN,
    codes: Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])),
    success: codes.get('S SUCCESS') ?? 0,
    shed: codes.get(`F ${SHED_CODE}`) ?? 0,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    verified,
    badSignatures,
    loadgenCpuPercent: ((cpu.user + cpu.system) / 1e6 / wallS) * 100,
    monoStartUs,
    monoEndUs,
    ...proc,
  };
}

export { SHED_CODE };
