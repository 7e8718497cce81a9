/**
 * D-Store keys by role (issue 9): serving the endpoint needs DSTORE_PUBLIC_KEY + POS_PRIVATE_KEY,
 * playing D-Store needs DSTORE_PRIVATE_KEY + POS_PUBLIC_KEY. Half a pair is one error naming the
 * missing variable; a role without keys is unavailable; none of the four = development keys.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPair } from '@orderkit/dstore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { dstoreRole } from '../src/providers/dstore/config.js';
import { startServer, type RunningServer } from '../src/server.js';

const dir = mkdtempSync(path.join(tmpdir(), 'order-desk-roles-'));
const dstore = generateKeyPair();
const pos = generateKeyPair();
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text, { mode: 0o600 });
  return p;
};
const KEYS = {
  DSTORE_PUBLIC_KEY: file('dstore-public.pem', dstore.publicKey),
  POS_PRIVATE_KEY: file('pos-private.pem', pos.privateKey),
  DSTORE_PRIVATE_KEY: file('dstore-private.pem', dstore.privateKey),
  POS_PUBLIC_KEY: file('pos-public.pem', pos.publicKey),
};
const base = {
  ORDER_DESK_DATA_DIR: path.join(dir, 'data'),
  WECHAT_BASE_URL: 'http://127.0.0.1:9',
  OVOPARK_BASE_URL: 'http://127.0.0.1:9',
  PORT: '0',
};
const load = (keys: Partial<typeof KEYS>) => loadConfig({ ...base, ...keys }, { cwd: dir });

describe('configuration by role', () => {
  it.each([
    [{ DSTORE_PUBLIC_KEY: KEYS.DSTORE_PUBLIC_KEY }, 'POS_PRIVATE_KEY'],
    [{ POS_PRIVATE_KEY: KEYS.POS_PRIVATE_KEY }, 'DSTORE_PUBLIC_KEY'],
    [{ DSTORE_PRIVATE_KEY: KEYS.DSTORE_PRIVATE_KEY }, 'POS_PUBLIC_KEY'],
    [{ POS_PUBLIC_KEY: KEYS.POS_PUBLIC_KEY }, 'DSTORE_PRIVATE_KEY'],
    [
      {
        DSTORE_PUBLIC_KEY: KEYS.DSTORE_PUBLIC_KEY,
        POS_PRIVATE_KEY: KEYS.POS_PRIVATE_KEY,
        DSTORE_PRIVATE_KEY: KEYS.DSTORE_PRIVATE_KEY,
      },
      'POS_PUBLIC_KEY',
    ],
  ])('half a pair (%o) is one error naming %s', (keys, missing) => {
    expect(() => load(keys)).toThrow(ConfigError);
    expect(() => load(keys)).toThrow(new RegExp(`but ${missing} is not`));
  });

  it('endpoint only: the endpoint loads (POS_PUBLIC_KEY optional, published), playing D-Store is unavailable with the variables to set', () => {
    const config = load({ DSTORE_PUBLIC_KEY: KEYS.DSTORE_PUBLIC_KEY, POS_PRIVATE_KEY: KEYS.POS_PRIVATE_KEY });
    expect(config.dstore.endpoint?.posPrivateKey).toContain('BEGIN PRIVATE KEY');
    expect(config.dstore.client).toBeUndefined();
    expect(() => dstoreRole(config, 'client')).toThrow(/set DSTORE_PRIVATE_KEY and POS_PUBLIC_KEY/);
    const published = load({
      DSTORE_PUBLIC_KEY: KEYS.DSTORE_PUBLIC_KEY,
      POS_PRIVATE_KEY: KEYS.POS_PRIVATE_KEY,
      POS_PUBLIC_KEY: KEYS.POS_PUBLIC_KEY,
    });
    expect(published.dstore.endpoint?.posPublicKey).toContain('BEGIN PUBLIC KEY');
    expect(published.dstore.client).toBeUndefined();
  });

  it('D-Store only: playing D-Store loads, the endpoint is unavailable with the variables to set', () => {
    const config = load({ DSTORE_PRIVATE_KEY: KEYS.DSTORE_PRIVATE_KEY, POS_PUBLIC_KEY: KEYS.POS_PUBLIC_KEY });
    expect(config.dstore.client?.dstorePrivateKey).toContain('BEGIN PRIVATE KEY');
    expect(config.dstore.endpoint).toBeUndefined();
    expect(() => dstoreRole(config, 'endpoint')).toThrow(/set DSTORE_PUBLIC_KEY and POS_PRIVATE_KEY/);
  });

  it('none of the four: development keys for both roles', () => {
    const config = load({});
    expect(config.dstore.keysFrom).toBe('development keys');
    expect(config.dstore.endpoint && config.dstore.client).toBeTruthy();
  });

  it('errors name variables, never key material', () => {
    try {
      load({ DSTORE_PRIVATE_KEY: dstore.privateKey });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('PRIVATE KEY-----');
      expect((error as Error).message).not.toContain(dstore.privateKey.split('\n')[1]);
    }
  });
});

describe('an unavailable role, in the running app', () => {
  let endpointOnly: RunningServer;
  let clientOnly: RunningServer;
  beforeAll(async () => {
    endpointOnly = await startServer(
      loadConfig(
        {
          ...base,
          ORDER_DESK_DATA_DIR: path.join(dir, 'a'),
          DSTORE_PUBLIC_KEY: KEYS.DSTORE_PUBLIC_KEY,
          POS_PRIVATE_KEY: KEYS.POS_PRIVATE_KEY,
        },
        { cwd: dir },
      ),
    );
    clientOnly = await startServer(
      loadConfig(
        {
          ...base,
          ORDER_DESK_DATA_DIR: path.join(dir, 'b'),
          DSTORE_PRIVATE_KEY: KEYS.DSTORE_PRIVATE_KEY,
          POS_PUBLIC_KEY: KEYS.POS_PUBLIC_KEY,
        },
        { cwd: dir },
      ),
    );
  }, 60_000);
  afterAll(async () => {
    await endpointOnly?.close();
    await clientOnly?.close();
  });

  it("the UI's D-Store card says what to set when playing D-Store is not configured", async () => {
    const res = await fetch(`${endpointOnly.url}/api/dstore/inquire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestOrderId: 'pds_1' }),
    });
    const { cards } = (await res.json()) as {
      cards: Array<{ outcome: string; code: { value: string }; fields: Array<[string, string]> }>;
    };
    expect(cards[0]).toMatchObject({ outcome: 'fail', code: { value: 'NOT CONFIGURED' } });
    expect(JSON.stringify(cards[0]!.fields)).toContain('set DSTORE_PRIVATE_KEY and POS_PUBLIC_KEY');
  });

  it('the endpoint answers 503 naming its variables when it is not configured', async () => {
    const res = await fetch(`${clientOnly.endpointUrl}/v2/pos/inquireOrderDetail`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/set DSTORE_PUBLIC_KEY and POS_PRIVATE_KEY/);
  });
});
