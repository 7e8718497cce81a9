/**
 * `pnpm contract dstore --target <the D-Store mock>` passes every case with no key given: the mock
 * verifies and signs with the published development keys, which the runner uses for a loopback
 * target. A non-loopback target still needs keys.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMocks, type RunningMocks } from '@orderkit/mock-server';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
// Without the key and Client-Id variables a developer may have set.
const { DSTORE_PRIVATE_KEY, POS_PUBLIC_KEY, DSTORE_CLIENT_ID, ...env } = process.env;

const contract = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['--conditions=@orderkit/source', '--import', 'tsx', cli, 'dstore', ...args], {
    encoding: 'utf8',
    env,
  }).then(
    (r) => ({ status: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ status: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({ only: ['dstore'], ports: { dstore: 0 } });
}, 60_000);
afterAll(async () => mocks?.stop());

describe('pnpm contract dstore against the D-Store mock', () => {
  it('passes all 7 cases with the development keys, and says it used them', async () => {
    const r = await contract('--target', `${mocks.urls.dstore}/v2/pos/inquireOrderDetail`, '--json');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { passed: number; failed: number; results: Array<{ name: string }> };
    expect(report).toMatchObject({ passed: 7, failed: 0 });
    expect(r.stderr).toMatch(/published development keys/);
  }, 60_000);

  it('still needs keys for a target that is not loopback (exit 2, nothing sent)', async () => {
    const r = await contract('--target', 'https://pos.example.invalid/v2/pos/inquireOrderDetail');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: playing D-Store needs its private key and the POS public key/);
  }, 60_000);
});
