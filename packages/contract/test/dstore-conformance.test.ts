import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInquireOrderDetailHandler, generateKeyPair, toNodeListener } from '@orderkit/dstore';
import { formatTable, runDStoreConformance } from '../src/providers/dstore.js';

const dstore = generateKeyPair();
const pos = generateKeyPair();
const clientId = 'conformance-client';

/** A POS endpoint on loopback; `tolerance` lets a test break the stale-time rule on purpose. */
async function endpoint(toleranceMs?: number) {
  const handler = createInquireOrderDetailHandler({
    clientId,
    dstorePublicKey: dstore.publicKey,
    posPrivateKey: pos.privateKey,
    lookup: async (id) => (id === 'known-1' ? { posOrderId: 'P-1', orderStatus: 'READY' } : null),
    ...(toleranceMs === undefined ? {} : { requestTimeToleranceMs: toleranceMs }),
  });
  const server = http.createServer(toNodeListener(handler));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const options = (target: string) => ({
  target,
  clientId,
  dstorePrivateKey: dstore.privateKey,
  posPublicKey: pos.publicKey,
  knownOrderId: 'known-1',
});

let good: Awaited<ReturnType<typeof endpoint>>;
let lax: Awaited<ReturnType<typeof endpoint>>;
beforeAll(async () => {
  good = await endpoint();
  lax = await endpoint(24 * 3_600_000);
});
afterAll(async () => {
  await good.close();
  await lax.close();
});

describe('D-Store conformance runner', () => {
  it('passes all 7 cases against a conforming endpoint', async () => {
    const results = await runDStoreConformance(options(`${good.url}/v2/pos/inquireOrderDetail`));
    expect(results.map((r) => [r.name, r.pass])).toEqual([
      ['valid signed request, known order', true],
      ['unknown order', true],
      ['256-character requestOrderId', true],
      ['tampered signature', true],
      ['missing Signature header', true],
      ['malformed JSON (correctly signed)', true],
      ['stale Request-Time (1 hour old, correctly signed)', true],
    ]);
    expect(formatTable(results)).toMatch(/7 passed, 0 failed$/);
  });

  it('fails exactly the case an endpoint gets wrong (stale Request-Time accepted)', async () => {
    const results = await runDStoreConformance(options(lax.url));
    expect(results.filter((r) => !r.pass).map((r) => `${r.name}: ${r.got}`)).toEqual([
      'stale Request-Time (1 hour old, correctly signed): S SUCCESS',
    ]);
  });

  it('reports a signature made with another key', async () => {
    const other = generateKeyPair();
    const results = await runDStoreConformance({ ...options(good.url), posPublicKey: other.publicKey });
    expect(
      results.every(
        (r) => !r.pass && r.problems.includes('the answer Signature does not verify with the POS public key'),
      ),
    ).toBe(true);
  });

  it('pnpm contract dstore exits 0 on a conforming endpoint and 1 when one case is wrong, with --json', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'conformance-'));
    writeFileSync(path.join(dir, 'dstore.pem'), dstore.privateKey);
    writeFileSync(path.join(dir, 'pos.pub'), pos.publicKey);
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    // Asynchronously: the endpoints under test live in this process.
    const run = (target: string, json: boolean) =>
      promisify(execFile)(
        process.execPath,
        [
          '--conditions=@orderkit/source',
          '--import',
          'tsx',
          cli,
          'dstore',
          '--target',
          target,
          '--order',
          'known-1',
          '--client-id',
          clientId,
          '--dstore-private-key',
          path.join(dir, 'dstore.pem'),
          '--pos-public-key',
          path.join(dir, 'pos.pub'),
          ...(json ? ['--json'] : []),
        ],
        { encoding: 'utf8' },
      ).then(
        (r) => ({ status: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({
          status: e.code,
          stdout: e.stdout,
          stderr: e.stderr,
        }),
      );
    const ok = await run(good.url, false);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^case\s+expected\s+got\s+pass/);
    const bad = await run(lax.url, true);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ passed: 6, failed: 1 });
  }, 60_000); // two tsx start-ups: over vitest's 5 s default on a loaded machine

  it('pnpm contract refuses bad usage with exit 2 and one line', () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const r = spawnSync(
      process.execPath,
      ['--conditions=@orderkit/source', '--import', 'tsx', cli, 'dstore', '--target', 'not a url'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: --target not a url is not a URL/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('pnpm contract dstore with half of the D-Store pair exits 2 naming the missing key', () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const env = { ...process.env, DSTORE_PRIVATE_KEY: '', POS_PUBLIC_KEY: '' };
    const keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'conformance-half-')), 'dstore.pem');
    writeFileSync(keyFile, dstore.privateKey);
    const r = spawnSync(
      process.execPath,
      [
        '--conditions=@orderkit/source',
        '--import',
        'tsx',
        cli,
        'dstore',
        '--target',
        'http://127.0.0.1:9',
        '--dstore-private-key',
        keyFile,
      ],
      { encoding: 'utf8', env },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: DSTORE_PRIVATE_KEY is set but POS_PUBLIC_KEY is not/);
    expect(r.stderr).not.toContain('PRIVATE KEY-----');
  }, 60_000);
  it('pnpm contract dstore refuses an unreadable key file or a key of the wrong kind: exit 2, one line naming it, nothing sent', async () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    let requests = 0;
    const counter = http.createServer((req, res) => {
      requests += 1;
      req.resume();
      res.end();
    });
    await new Promise<void>((r) => counter.listen(0, '127.0.0.1', r));
    const target = `http://127.0.0.1:${(counter.address() as { port: number }).port}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'conformance-keys-'));
    writeFileSync(path.join(dir, 'dstore.pub'), dstore.publicKey);
    writeFileSync(path.join(dir, 'pos.pub'), pos.publicKey);
    const env = { ...process.env, DSTORE_PRIVATE_KEY: '', POS_PUBLIC_KEY: '' };
    // Asynchronous, so the counting server above can answer (and count) while the CLI runs.
    const contract = (args: string[], extraEnv: Record<string, string> = {}) =>
      new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--conditions=@orderkit/source', '--import', 'tsx', cli, 'dstore', '--target', target, ...args],
          { encoding: 'utf8', env: { ...env, ...extraEnv } },
          (error, stdout, stderr) =>
            resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    try {
      const cases: Array<[Awaited<ReturnType<typeof contract>>, RegExp]> = [
        [
          await contract(['--dstore-private-key', '/nonexistent', '--pos-public-key', path.join(dir, 'pos.pub')]),
          /^error: The --dstore-private-key file "\/nonexistent" could not be read \(ENOENT\)\..* — see (pnpm contract|orderkit-contract) --help$/,
        ],
        [
          await contract([], {
            DSTORE_PRIVATE_KEY: path.join(dir, 'dstore.pub'),
            POS_PUBLIC_KEY: path.join(dir, 'pos.pub'),
          }),
          /^error: The DSTORE_PRIVATE_KEY is a "BEGIN PUBLIC KEY" PEM block; .*This is a public key/,
        ],
      ];
      for (const [r, message] of cases) {
        expect(r.status, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(r.stderr.trimEnd()).toMatch(message);
        expect(r.stderr).not.toContain('KEY-----');
      }
      expect(requests).toBe(0);
    } finally {
      await new Promise<void>((r) => counter.close(() => r()));
    }
  }, 60_000);
});
