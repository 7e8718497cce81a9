#!/usr/bin/env node
/**
 * `pnpm bench`: each provider's bench (scripts/bench/providers/<id>/bench.mjs, found by folder)
 * and every package's client bench (`pnpm --filter <package> bench`, for each package with a
 * `bench` script), ending in one summary table. A report: it exits 0 when a target falls short,
 * non-zero only when the bench itself could not run.
 * See scripts/bench/README.md for what is measured and how to read it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { children, f0, f1, num, out, ROOT, run, section } from './harness.mjs';

const env = process.env;
const cfg = {
  packages: env.BENCH_PACKAGES !== '0',
  timeoutS: num('BENCH_TIMEOUT_S', 420),
  /** `BENCH_ONLY=<id>,…`: only these providers' benches and packages. */
  only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',').filter(Boolean) : undefined,
};
/** Issue 10: a client costs at most 5 % more than a bare openapi-fetch client making the same call. */
const TARGET_RATIO = 1.05;
/** Every client bench ends with these lines (see packages/<p>/bench/client.bench.ts). */
const RATIO_LINE = /^bench: ratio to bare openapi-fetch client ([\d.]+)/m;
const RAW_LINE = /^bench: ratio to raw fetch ([\d.]+)/m;
/** Any other package's figure with its own target: `bench: <what> = 0.91× (target ≥ 0.8×)`. */
const TARGET_LINE = /^bench: (.+?) = ([\d.]+)× \(target ([≤≥]) ([\d.]+)×\)/gm;
/** A figure without a target: `bench: pnpm mock ready in 14.2 s`. */
const FIGURE_LINE = /^bench: (?!ratio to )(?!.*\(target )(.+)$/gm;

// Bounded in time whatever happens: a stuck child or run ends the bench with exit 1.
function stopChildren() {
  for (const child of children) child.kill('SIGKILL');
}
const watchdog = setTimeout(() => {
  console.error(`\nbench: still running after ${cfg.timeoutS} s (BENCH_TIMEOUT_S); stopping`);
  stopChildren();
  process.exit(1);
}, cfg.timeoutS * 1000);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopChildren();
    process.exit(130);
  });
}

const wanted = (id) => !cfg.only || cfg.only.includes(id);

/** The provider benches: scripts/bench/providers/<id>/bench.mjs, sorted by id. */
function providerBenches() {
  const dir = path.join(ROOT, 'scripts', 'bench', 'providers');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'bench.mjs')) && wanted(d.name))
    .map((d) => [d.name, path.join(dir, d.name, 'bench.mjs')])
    .sort(([a], [b]) => a.localeCompare(b));
}

/** Workspace packages under packages/ with a `bench` script, as [folder, package name]. */
function packageBenches() {
  const dir = path.join(ROOT, 'packages');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && wanted(d.name))
    .map((d) => {
      const file = path.join(dir, d.name, 'package.json');
      const pkg = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
      return pkg?.scripts?.bench ? [d.name, pkg.name] : undefined;
    })
    .filter(Boolean)
    .sort(([a], [b]) => a.localeCompare(b));
}

async function main() {
  const started = performance.now();
  const cpuModel = os.cpus()[0]?.model ?? '?';
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  out(
    `orderkit bench — Node ${process.version}, ${cores} cores (${cpuModel}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (os.loadavg()[0] > cores * 0.5)
    out(
      `note: the machine is already busy (1-min load ${os.loadavg()[0].toFixed(1)} on ${cores} cores); figures below are lower and noisier than on an idle machine`,
    );

  const rows = [];
  const notes = [];
  for (const [id, file] of providerBenches()) {
    const { bench } = await import(pathToFileURL(file).href);
    const result = await bench();
    rows.push(...result.rows);
    notes.push(...result.notes);
    out(`(${id} bench done)`);
  }

  const packages = [];
  if (cfg.packages) {
    section('package client benches (pnpm --filter <package> bench)');
    const pnpm =
      env.npm_execpath && /pnpm/.test(env.npm_execpath) ? [process.execPath, [env.npm_execpath]] : ['pnpm', []];
    for (const [, name] of packageBenches()) {
      const t = performance.now();
      const r = await run(pnpm[0], [...pnpm[1], '--silent', '--filter', name, 'bench'], { timeoutMs: 150_000 });
      const ratio = Number(RATIO_LINE.exec(r.stdout)?.[1] ?? NaN);
      const raw = Number(RAW_LINE.exec(r.stdout)?.[1] ?? NaN);
      out(
        `${name} (${f1((performance.now() - t) / 1000)} s)${r.code === 0 ? '' : `: FAILED (exit ${r.code}${r.timedOut ? ', timed out' : ''})`}`,
      );
      for (const line of r.stdout.split('\n').filter((l) => l.trim())) out(`  ${line}`);
      if (r.code !== 0) for (const line of r.stderr.trim().split('\n').slice(-8)) out(`  ! ${line}`);
      const targets = [...r.stdout.matchAll(TARGET_LINE)].map((m) => ({
        what: m[1],
        value: Number(m[2]),
        op: m[3],
        target: Number(m[4]),
      }));
      const figures = [...r.stdout.matchAll(FIGURE_LINE)].map((m) => m[1]);
      packages.push({
        name,
        ratio,
        raw,
        targets,
        figures,
        ok: r.code === 0 && (Number.isFinite(ratio) || targets.length > 0),
      });
    }
  }

  section('summary');
  for (const p of packages) {
    if (p.ok && !Number.isFinite(p.ratio)) {
      for (const t of p.targets) {
        const pass = t.op === '≥' ? t.value >= t.target : t.value <= t.target;
        rows.push([
          `${p.name}: ${t.what}`,
          `${t.value.toFixed(2)}×`,
          `${t.op} ${t.target}×`,
          pass ? 'PASS' : 'FALL SHORT',
        ]);
      }
      for (const f of p.figures) rows.push([`${p.name}: ${f}`, '', 'measured', '']);
      continue;
    }
    rows.push([
      `${p.name} client / bare openapi-fetch client`,
      p.ok ? `${p.ratio.toFixed(3)}× (${Number.isFinite(p.raw) ? p.raw.toFixed(2) : '?'}× raw fetch)` : 'bench failed',
      `≤ ${TARGET_RATIO.toFixed(2)}×`,
      p.ok ? (p.ratio <= TARGET_RATIO ? 'PASS' : 'FALL SHORT') : 'FAIL',
    ]);
  }
  if (rows.length === 0) out('nothing was measured (BENCH_ONLY and BENCH_PACKAGES=0 left nothing to run)');
  else {
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
    out(`${'figure'.padEnd(widths[0])}  ${'measured'.padEnd(widths[1])}  ${'target'.padEnd(widths[2])}  verdict`);
    out(`${'-'.repeat(widths[0])}  ${'-'.repeat(widths[1])}  ${'-'.repeat(widths[2])}  ----------`);
    for (const r of rows)
      out(`${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}`);
  }
  for (const note of notes) out(`\n${note}`);
  out(`\nbench took ${f0((performance.now() - started) / 1000)} s`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`\nbench could not run: ${error?.stack ?? error}`);
    stopChildren();
    process.exit(1);
  },
);
