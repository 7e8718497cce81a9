#!/usr/bin/env node
// `pnpm test`: Biome (lint + format check of the hand-written code, biome.json), the drift check,
// then every package's tests through turbo, then one closing line with the totals of every vitest
// run, from the JSON report each leaves in test-results/ (which
// turbo restores from its cache for packages it did not re-run). Arguments go to turbo.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = path.join('test-results', 'vitest.json');

/** Workspace packages that have a `test` script, as [name, dir]. */
function testedPackages() {
  const { stdout } = spawnSync('pnpm', ['-r', 'ls', '--depth', '-1', '--json'], { cwd: root, encoding: 'utf8' });
  return JSON.parse(stdout)
    .filter((p) => p.path !== root)
    .filter((p) => JSON.parse(readFileSync(path.join(p.path, 'package.json'), 'utf8')).scripts?.test)
    .map((p) => [p.name, p.path]);
}

const step = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

// Biome prints its own diagnostics; `pnpm format` applies its fixes and the formatting.
if (step('pnpm', ['exec', 'biome', 'check', '.']) !== 0) {
  console.error('Biome check failed (above). Fix: `pnpm format` (safe fixes and formatting), then the rest by hand.');
  process.exit(1);
}
if (step(process.execPath, ['scripts/codegen.mjs', 'check']) !== 0) process.exit(1);

// Turbo's task hash knows nothing of the Node version: a run on another Node (.ci/run runs the suite
// on Node 20 and on Node 24; a developer switches with nvm) would be served the last one's test
// results from its cache. turbo.json lists this variable in globalEnv, so the Node major is part of
// every task's hash: each major runs the tasks for itself, and repeated runs on one still hit.
process.env.ORDERKIT_NODE_MAJOR = process.versions.node.split('.')[0];

const packages = testedPackages();
// A report left by an earlier run must not stand in for a run that crashed before writing one.
for (const [, dir] of packages) rmSync(path.join(dir, REPORT), { force: true });
// --continue: one failing package does not hide the others. --concurrency=3: on a two-core machine
// more suites at once only add contention to the tests that bound time, without finishing sooner.
const turbo = step('pnpm', ['exec', 'turbo', 'run', 'test', '--continue', '--concurrency=3', ...process.argv.slice(2)]);

const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
for (const [name, dir] of packages) {
  const file = path.join(dir, REPORT);
  if (!existsSync(file)) {
    missing.push(name);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
}
// Filtered runs (`pnpm test --filter …`) leave other packages without a report: not a failure.
const filtered = process.argv.slice(2).some((a) => a.startsWith('--filter'));
if (missing.length && !filtered) console.log(`no test report from ${missing.join(', ')} (it stopped before finishing)`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(turbo !== 0 || (missing.length && !filtered) ? 1 : 0);
