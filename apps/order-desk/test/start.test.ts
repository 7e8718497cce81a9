/**
 * `pnpm start` (scripts/start.mjs) as a user sees it, on the dist/ of the last build
 * (`--no-build`: turbo builds before this suite). The run goes through pnpm in a process group of
 * its own, and Ctrl-C is that group's SIGINT, as a terminal sends it.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '@orderkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = path.join(root, 'scripts', 'start.mjs');
const base = mkdtempSync(path.join(tmpdir(), 'start-test-'));
/** TMPDIR of every process pnpm start runs: what is left in it after a stop was left by them. */
const tmp = path.join(base, 'tmp');
mkdirSync(tmp);

/** Five different free ports under the variables that move them. */
async function ports(): Promise<Record<string, number>> {
  const names = ['MOCK_DSTORE_PORT', 'MOCK_WECHAT_PORT', 'MOCK_OVOPARK_PORT', 'PORT', 'ENDPOINT_PORT'];
  const taken = new Set<number>();
  while (taken.size < names.length) taken.add(await freePort());
  return Object.fromEntries(names.map((name, i) => [name, [...taken][i]!]));
}

function envFor(p: Record<string, number>, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: tmp,
    // On Node ≥ 22 pnpm's launcher turns on Node's compile cache (module.enableCompileCache()),
    // which lives in os.tmpdir()/node-compile-cache unless this says where: a cache kept across
    // runs on purpose, and pnpm's, not a temporary file of the processes under test.
    NODE_COMPILE_CACHE: path.join(base, 'node-compile-cache'),
    ORDER_DESK_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    ENDPOINT_HOST: '127.0.0.1',
    ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)])),
  };
  // Providers on their mocks, whatever the machine running the tests has set.
  for (const name of ['WECHAT_BASE_URL', 'OVOPARK_BASE_URL', 'ORDER_DESK_ADMIN_TOKEN']) delete env[name];
  return env;
}

const listenable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

const running: number[] = [];

beforeAll(() => {
  for (const file of ['apps/order-desk/dist/main.js', 'packages/mock-server/dist/cli.js'])
    if (!existsSync(path.join(root, file)))
      throw new Error(`${file} is missing: run pnpm build (pnpm test builds before this suite)`);
});

/** Whether process `pid` still exists. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(async () => {
  // After a failed assertion pnpm start may still run: SIGTERM first, so that it stops the mocks
  // and order-desk it started (each in a process group of its own), then SIGKILL what is left.
  for (const pid of running.filter(alive)) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // exited
    }
  }
  const until = Date.now() + 8_000;
  while (running.some(alive) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // exited
    }
  }
  rmSync(base, { recursive: true, force: true });
});

describe('pnpm start', () => {
  it('prints a line per phase and the URLs; Ctrl-C exits 0 and leaves no process, port or temporary folder', async () => {
    const p = await ports();
    const child = spawn('pnpm', ['start', '--no-build'], {
      cwd: root,
      env: envFor(p, path.join(base, 'data')),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child.pid!);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (out.includes('Ctrl-C stops everything.')) {
          clearInterval(t);
          resolve();
        } else if (Date.now() - started > 100_000 || child.exitCode !== null) {
          clearInterval(t);
          reject(new Error(`not ready (exit ${child.exitCode}) after ${Date.now() - started} ms:\n${out}`));
        }
      }, 100);
    });
    console.log(`pnpm start --no-build ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const lines = out.split('\n');
    expect(lines).toContain(
      `starting mocks… (D-Store :${p.MOCK_DSTORE_PORT}, WeChat :${p.MOCK_WECHAT_PORT}, Ovopark :${p.MOCK_OVOPARK_PORT})`,
    );
    expect(lines).toContain('starting order-desk…');
    expect(lines).toContain(`  order-desk UI        http://127.0.0.1:${p.PORT}/`);
    expect(lines).toContain(`  contracts (docs)     http://127.0.0.1:${p.PORT}/docs/index.html`);
    expect(lines.some((l) => l.startsWith(`  public face          http://127.0.0.1:${p.ENDPOINT_PORT}/`))).toBe(true);
    // The services' own start-up chatter stays out; only order-desk's indented summary is shown.
    expect(out).not.toContain('[mocks]');
    expect(out).not.toContain('Ctrl-C stops them');
    expect((await fetch(`http://127.0.0.1:${p.PORT}/`)).status).toBe(200);
    expect(
      (
        await fetch(
          `http://127.0.0.1:${p.MOCK_WECHAT_PORT}/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s`,
        )
      ).status,
    ).toBe(200);
    // The mocks write no copy of a spec while they run (Prism's engine reads the documents in-process).
    expect(readdirSync(tmp).filter((n) => n.startsWith('orderkit-mock-'))).toEqual([]);

    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(out).not.toContain('ELIFECYCLE');
    expect(out.trimEnd().split('\n').slice(-2)).toEqual(['stopping the mocks and order-desk…', 'stopped.']);
    expect(readdirSync(tmp)).toEqual([]);
    for (const port of Object.values(p)) expect(await listenable(port)).toBe(true);
  }, 120_000);

  it('names the variable that moves a port in use: exit 2, one line, nothing started', async () => {
    const run = promisify(execFile);
    for (const variable of ['MOCK_WECHAT_PORT', 'ENDPOINT_PORT']) {
      const p = await ports();
      const holder = net.createServer();
      await new Promise<void>((resolve) => holder.listen(p[variable], '127.0.0.1', resolve));
      try {
        await run(process.execPath, [script, '--no-build'], { cwd: root, env: envFor(p, path.join(base, 'data')) });
        expect.unreachable();
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        expect(e.code).toBe(2);
        expect(e.stdout).toBe('');
        expect(e.stderr).toBe(
          `pnpm start: port ${p[variable]} is in use (set ${variable}); stop what listens there or choose another port\n`,
        );
      } finally {
        await new Promise((resolve) => holder.close(resolve));
      }
    }
    expect(readdirSync(tmp)).toEqual([]);
  });
});
