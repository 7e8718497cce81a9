#!/usr/bin/env node
// Runs Redocly CLI with the settings every call here needs, so the spec packages' scripts stay
// one line each:
// - telemetry and update checks off (offline they stall: redocly-cli #2155);
// - for `lint` and `bundle` without `--config`, the configuration of the spec folder it runs in
//   (specs/<id>/redocly.yaml when the contract has rules of its own, else the shared redocly.yaml);
// - for `build-docs` without `--openapi`, the height of the docs pages' top bar as Redoc's
//   `scrollYOffset` (scripts/docs-page.mjs: apps/docs/build.mjs adds that bar to every page).
//   Given `--openapi`, Redocly reads no `openapi` section from redocly.yaml; ours have none;
// - its Node 20 deprecation box dropped from the output. Redocly 2 prints it on every run and
//   offers no switch; we pin Node 20 on purpose (Prism 5.14 and vitest 4 need it), so the box is
//   noise — nine copies in one `pnpm test`. Everything else Redocly prints passes through.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BAR_HEIGHT } from './docs-page.mjs';
import { redoclyConfig } from './specs.mjs';

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

const args = process.argv.slice(2);
if (['lint', 'bundle'].includes(args[0]) && !args.some((a) => a === '--config' || a.startsWith('--config=')))
  args.push('--config', redoclyConfig(process.cwd()));
if (
  args[0] === 'build-docs' &&
  !args.some((a) => a === '--openapi' || a.startsWith('--openapi.') || a.startsWith('--openapi='))
)
  args.push(`--openapi.scrollYOffset=${BAR_HEIGHT}`);

const child = spawn(process.execPath, [cli, ...args], {
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  stdio: ['ignore', 'pipe', 'pipe'],
});

/** Drops the box (the lines from its top border to its bottom border) that holds the notice. */
function filter(stream, out) {
  let pending = '';
  let box = [];
  const flushLine = (line) => {
    if (box.length) {
      box.push(line);
      if (/^\s*╚/.test(line)) {
        if (!box.some((l) => l.includes('Node.js 20'))) out.write(`${box.join('\n')}\n`);
        box = [];
      }
      return;
    }
    if (/^\s*╔/.test(line)) box.push(line);
    else out.write(`${line}\n`);
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) flushLine(line);
  });
  stream.on('end', () => {
    if (pending) flushLine(pending);
    if (box.length) out.write(`${box.join('\n')}\n`);
  });
}
filter(child.stdout, process.stdout);
filter(child.stderr, process.stderr);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
