/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per area,
 * optionally only for samples inside a time window (CLOCK_MONOTONIC µs, the clock V8's profiler
 * and process.hrtime share on Linux), so start-up and shut-down do not blur the picture.
 *
 * CLI: node scripts/bench/profile.mjs <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Which part of the stack a function belongs to, from its script URL and name. */
export function area(frame) {
  const url = frame.url ?? '';
  const name = frame.functionName ?? '';
  if (name === '(garbage collector)') return 'V8 garbage collector';
  if (name === '(program)') return 'V8/native, outside JS (program)';
  if (name === '(idle)') return 'idle (waiting for I/O)';
  if (url.includes('node:internal/crypto') || (/^(sign|verify|signOneShot|verifyOneShot)$/.test(name) && url === ''))
    return 'node:crypto (RSA sign/verify)';
  if (url.startsWith('wasm://') || url.includes('@electric-sql/pglite'))
    return 'PGlite (Postgres in WASM): lookup + audit insert';
  if (url.includes('/packages/order-store/')) return 'order-store (SQL store)';
  if (url.includes('/packages/openapi-ajv/') || url.includes('/ajv')) return 'Ajv schema validation';
  // A provider package's code (its handler or client): validation, JSON, headers.
  const pkg = /\/packages\/([^/]+)\/src\//.exec(url)?.[1];
  if (pkg) return `@orderkit/${pkg} (package code: validation, JSON, headers)`;
  if (url.includes('/apps/order-desk/')) return 'order-desk app code';
  if (url.includes('@hono/node-server')) return '@hono/node-server (node:http <-> Fetch)';
  if (url.includes('/hono/')) return 'Hono router';
  if (
    url.includes('node:internal/deps/undici') ||
    url.includes('node:internal/webstreams') ||
    url.includes('node:internal/web')
  )
    return 'undici Request/Response + web streams';
  if (
    /node:(_http|http|net|internal\/(http|stream|streams|net|timers|process\/task_queues|async_hooks|event_target|events))/.test(
      url,
    ) ||
    url === 'node:events' ||
    url === 'node:stream'
  )
    return 'node:http, net, streams, event loop';
  if (url.includes('/tsx/') || url.includes('esbuild')) return 'tsx loader';
  if (url.startsWith('node:')) return 'other node: internals';
  if (url === '') return 'native/builtin (no script)';
  if (url.includes('node_modules'))
    return `other dependency (${/node_modules\/(?:\.pnpm\/)?(@?[^/@]+(?:\/[^/@]+)?)/.exec(url)?.[1] ?? url})`;
  return 'other';
}

function label(frame) {
  const name = frame.functionName || '(anonymous)';
  let url = frame.url ?? '';
  if (url.startsWith('file://')) url = path.relative(ROOT, fileURLToPath(url));
  url = url.replace(/^node_modules\/\.pnpm\/([^/]+)\/node_modules\//, 'node_modules/');
  return url ? `${name}  ${url}:${frame.lineNumber + 1}` : name;
}

/**
 * @param {string} file .cpuprofile path
 * @param {{ fromUs?: number, toUs?: number }} window CLOCK_MONOTONIC µs
 */
export function summarise(file, window = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Native code (no script: sign, writev, fstat…) and generic node: internals are charged to the
  // nearest caller with a specific area, so "fstat under PGlite" counts as PGlite.
  const generic = new Set(['native/builtin (no script)', 'other node: internals']);
  const areaOf = (id) => {
    const own = area(byId.get(id).callFrame);
    if (!generic.has(own)) return own;
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const a = area(byId.get(p).callFrame);
      if (!generic.has(a) && a !== 'V8/native, outside JS (program)') return a;
    }
    return own;
  };
  const selfUs = new Map();
  let t = profile.startTime;
  let inWindow = 0;
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (window.fromUs !== undefined && (t < window.fromUs || t > window.toUs)) continue;
    inWindow++;
    totalUs += dt;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
  }
  const windowed = window.fromUs !== undefined && inWindow > 0;
  if (window.fromUs !== undefined && inWindow === 0) {
    // The clocks did not line up (not Linux?): fall back to the whole profile.
    return { ...summarise(file), windowed: false };
  }
  const byFunction = new Map();
  const byArea = new Map();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id).callFrame;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const own = area(frame);
    const key = generic.has(own) ? `${label(frame)}  [${areaOf(id)}]` : label(frame);
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const a = areaOf(id);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const rows = (map) =>
    [...map]
      .sort((x, y) => y[1] - x[1])
      .map(([name, us]) => ({ name, ms: us / 1000, share: busyUs > 0 ? us / busyUs : 0 }));
  return {
    windowed,
    samples: inWindow,
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    idleShare: totalUs > 0 ? idleUs / totalUs : 0,
    functions: rows(byFunction),
    areas: rows(byArea),
  };
}

/** `answers`: answers served inside the window, to show the cost per answer of each area. */
export function formatSummary(s, top = 15, answers = 0) {
  const pct = (x) => `${(x * 100).toFixed(1).padStart(5)} %`;
  const per = (msTotal) =>
    answers > 0 && s.windowed ? `  ${((msTotal / answers) * 1000).toFixed(0).padStart(5)} µs/answer` : '';
  const lines = [];
  lines.push(
    `  ${s.samples} samples over ${s.totalMs.toFixed(0)} ms${s.windowed ? ' (load window only)' : ' (whole process)'}; main thread idle ${pct(s.idleShare).trim()}; shares below are of busy time`,
  );
  if (answers > 0 && s.windowed)
    lines.push(
      `  ${answers} answers in the window: ${((s.busyMs / answers) * 1000).toFixed(0)} µs of main-thread time per answer`,
    );
  lines.push("  by area (self time; native calls charged to their caller's area):");
  for (const r of s.areas.slice(0, 12)) lines.push(`    ${pct(r.share)}${per(r.ms)}  ${r.name}`);
  lines.push(`  top ${top} functions (self time):`);
  for (const r of s.functions.slice(0, top))
    lines.push(`    ${pct(r.share)}  ${r.ms.toFixed(0).padStart(6)} ms  ${r.name}`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/bench/profile.mjs <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(formatSummary(summarise(file), Number(process.argv[3] ?? 25)));
}
