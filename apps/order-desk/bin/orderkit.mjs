#!/usr/bin/env node
// The `orderkit` bin (`pnpm exec orderkit …`, `npx orderkit …` from the repository). It runs the
// built CLI, dist/cli.js (`pnpm start` and `pnpm run build` make it), when that build is newer than
// every source it was built from; otherwise the TypeScript sources through tsx, so the bin works on
// a fresh clone before any build (slower to start: about two seconds) and never runs a stale build.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(app, '..', '..');
const built = path.join(app, 'dist', 'cli.js');
const source = path.join(app, 'src', 'cli.ts');

/** The newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** The sources order-desk's build comes from: its own and those of the workspace packages. */
function sourceDirs() {
  const packages = path.join(root, 'packages');
  const dirs = [path.join(app, 'src')];
  if (existsSync(packages)) for (const name of readdirSync(packages)) dirs.push(path.join(packages, name, 'src'));
  return dirs;
}

function buildIsCurrent() {
  if (!existsSync(built)) return false;
  if (!existsSync(source)) return true; // no sources beside it: the build is all there is
  const builtAt = statSync(built).mtimeMs;
  return sourceDirs().every((dir) => newest(dir) <= builtAt);
}

if (buildIsCurrent()) {
  await import(pathToFileURL(built).href);
} else {
  // The sources need the workspace packages' sources too (the `@orderkit/source` export condition)
  // and tsx to load TypeScript: a child node with both, on the same terminal.
  const tsx = import.meta.resolve('tsx');
  const child = spawn(
    process.execPath,
    ['--conditions=@orderkit/source', '--import', tsx, source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // Ctrl-C reaches the child with the rest of the terminal's process group; this process waits for
  // it and ends as it ends.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15);
  });
}
