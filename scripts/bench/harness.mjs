/**
 * What every part of `pnpm bench` shares: the repository root, the children it started (so a
 * watchdog or Ctrl-C can stop them, by pid, one by one), output helpers and a bounded `run`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every child the bench started. */
export const children = new Set();

export const out = (line = '') => console.log(line);
export const section = (title) => out(`\n== ${title} ${'='.repeat(Math.max(0, 76 - title.length))}`);
export const f0 = (n) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
export const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
export const ms = (n) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms` : 'n/a');
export const mib = (n) => (Number.isFinite(n) ? `${n.toFixed(0)} MiB` : 'n/a');

/** A number from the environment, or `fallback` when unset or not a number. */
export const num = (name, fallback) =>
  process.env[name] !== undefined && process.env[name] !== '' && Number.isFinite(Number(process.env[name]))
    ? Number(process.env[name])
    : fallback;

/** Runs a command, bounded; resolves { code, stdout, stderr, timedOut }. */
export function run(command, args, { timeoutMs, cwd = ROOT, envExtra = {} }) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, {
        cwd,
        env: { ...process.env, ...envExtra },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      resolve({ code: -1, stdout: '', stderr: String(error), timedOut: false });
      return;
    }
    children.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => (stderr += String(error)));
    child.once('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code: code ?? -1, stdout, stderr, timedOut });
    });
  });
}
