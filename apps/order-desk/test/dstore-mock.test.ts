/**
 * order-desk with no D-Store key configured against the D-Store mock with its defaults: both use
 * the published development keys, so the UI's D-Store card shows a verified signature (issue 11).
 */
import { readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developmentKeys } from '@orderkit/dstore/dev-keys';
import { startMocks, type RunningMocks } from '@orderkit/mock-server';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';

let mocks: RunningMocks;
let server: RunningServer;
let dataDir: string;
beforeAll(async () => {
  mocks = await startMocks({ only: ['dstore'], ports: { dstore: 0 } });
  dataDir = mkdtempSync(path.join(tmpdir(), 'order-desk-dstore-mock-'));
  const env = {
    ORDER_DESK_DATA_DIR: dataDir,
    PORT: '0',
    ENDPOINT_PORT: '0',
    WECHAT_BASE_URL: 'http://127.0.0.1:9',
    OVOPARK_BASE_URL: 'http://127.0.0.1:9',
    DSTORE_INQUIRE_ALLOWED_ENDPOINTS: mocks.urls.dstore!,
  };
  server = await startServer(loadConfig(env, { cwd: dataDir }));
});
afterAll(async () => {
  await server?.close();
  await mocks?.stop();
});

type Card = { outcome: string; code: { value: string }; fields: Array<[string, unknown]> };
const inquire = async (requestOrderId: string): Promise<Card> => {
  const res = await fetch(`${server.url}/api/dstore/inquire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint: mocks.urls.dstore, requestOrderId }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { cards: Card[] }).cards[0]!;
};

describe('the D-Store card against the D-Store mock', () => {
  it('shows a known order with a verified signature, and an unknown one as a verified F', async () => {
    const found = await inquire('pds_demo_1');
    expect(found.code.value).toBe('S SUCCESS');
    expect(found.fields).toContainEqual(['Response signature', 'verified with the POS public key']);
    const unknown = await inquire('no-such-order');
    expect(unknown.code.value).toBe('F PROCESS_FAIL');
    expect(unknown.fields).toContainEqual(['Response signature', 'verified with the POS public key']);
  });

  it('uses the published development keys and writes them to dev-keys/ (private ones owner-only)', () => {
    const dir = path.join(dataDir, 'dev-keys');
    expect(readFileSync(path.join(dir, 'dstore-private.pem'), 'utf8')).toBe(developmentKeys.dstorePrivateKey);
    expect(readFileSync(path.join(dir, 'pos-public.pem'), 'utf8')).toBe(developmentKeys.posPublicKey);
    expect(statSync(path.join(dir, 'pos-private.pem')).mode & 0o777).toBe(0o600);
  });
});
