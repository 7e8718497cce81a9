#!/usr/bin/env node
/**
 * `pnpm mock [--dynamic] [--seed N] [--only <id>,<id>]`: serves every bundled spec (`specs/*`) until
 * Ctrl-C — a provider with a behaviour layer in this process, on Prism's engine; one without, with
 * `prism mock` (the only kind `--dynamic` changes) — then stops everything it started. Ports and
 * their variables come from each spec's `x-orderkit-mock`.
 */
import { type MockSettings, mockSettings, PROVIDERS, type Provider, type RunningMocks, startMocks } from './index.js';

function settingsOf(p: Provider): MockSettings {
  try {
    return mockSettings(p);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  }
}

/** How the user started us: `pnpm mock` in this repository (its root script), else the installed bin. */
const COMMAND = process.env.npm_lifecycle_event === 'mock' ? 'pnpm mock' : 'orderkit-mock';

function usage(message?: string): never {
  if (message) console.error(`error: ${message}`);
  const ports = PROVIDERS.map((p) => {
    try {
      const s = mockSettings(p);
      return `${s.portVariable} (${s.port})`;
    } catch {
      return `${p}: not bundled yet`;
    }
  });
  console.error(
    `usage: ${COMMAND} [--dynamic] [--seed N] [--only ${PROVIDERS.join(',')}] [--verbose]\nports: ${ports.join(', ')}`,
  );
  process.exit(message ? 2 : 0);
}

const args = process.argv.slice(2).filter((a) => a !== '--');
let dynamic = false;
let verbose = false;
let seed = 1;
let only: Provider[] = [...PROVIDERS];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--dynamic' || arg === '-d') dynamic = true;
  else if (arg === '--verbose') verbose = true;
  else if (arg === '--seed') {
    const raw = args[++i] ?? '';
    seed = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(seed))
      usage(`--seed takes a whole number, e.g. --seed 42 (got "${raw}")`);
  } else if (arg === '--help' || arg === '-h') usage();
  else if (arg === '--only') {
    const list = (args[++i] ?? '').split(',').filter(Boolean);
    const bad = list.filter((p) => !PROVIDERS.includes(p));
    if (!list.length || bad.length) usage(`--only takes a comma-separated list of ${PROVIDERS.join(', ')}`);
    only = list;
  } else usage(`unknown option ${arg}`);
}

const ports: Partial<Record<Provider, number>> = {};
for (const p of only) {
  const name = settingsOf(p).portVariable;
  const raw = process.env[name];
  if (raw === undefined || raw === '') continue;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) usage(`${name}=${raw} is not a port number (1-65535)`);
  ports[p] = n;
}

// The handlers come first: a signal while the mocks start (Ctrl-C, or `pnpm start` stopping)
// lets the start finish or fail, then stops whatever did start; nothing is left running, and the
// temporary files a provider's mock hooks wrote are removed.
let mocks: RunningMocks | undefined;
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  if (!mocks) return; // still starting: the code after startMocks stops them
  console.log(`\n${signal}: stopping the mocks…`);
  await mocks.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const started = Date.now();
try {
  mocks = await startMocks({
    ports,
    only,
    dynamic,
    seed,
    onLog: verbose ? (p, line) => console.log(`[${p}] ${line}`) : undefined,
  });
} catch (error) {
  // Interrupted while starting: a Prism stopped by the same signal is not a failure.
  if (stopping) process.exit(0);
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: the mocks did not start: ${message}`);
  if (/EADDRINUSE|address already in use/i.test(message)) {
    console.error(
      `A port is taken: stop the other process or set ${only.map((p) => settingsOf(p).portVariable).join(' / ')}.`,
    );
  }
  process.exit(1);
}
if (stopping) {
  await mocks.stop();
  process.exit(0);
}

console.log(
  `mocks ready in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed}${dynamic ? ', --dynamic' : ''}):`,
);
for (const p of only) console.log(`  ${p.padEnd(8)} ${mocks.urls[p]}   (default port ${settingsOf(p).port})`);
console.log('Ctrl-C stops them.');
