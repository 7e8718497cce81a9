/**
 * The behaviour every backend must show, written once and run against PGlite and PostgreSQL
 * (store.pglite.test.ts, store.postgres.test.ts). Checks go through raw SQL where the claim is
 * about the database itself (append-only, migrations), not through the store's own code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenScope, type TokenScope } from '@orderkit/core';
import { LATEST_VERSION, migrations, StoreValidationError, type Store } from '../src/index.js';
import { checksum } from '../src/migrations.js';
import type { Backend, TestDatabase } from './support.js';

const TIMEOUT = 120_000;

const LIVE = 'https://api.weixin.qq.com';
/** The scope of an AppID's token on the live service (or on `baseUrl`). */
export const scopeOf = (appId: string, baseUrl = LIVE, tokenMode: TokenScope['tokenMode'] = 'token'): TokenScope =>
  tokenScope({ provider: 'wechat', baseUrl, accountId: appId, tokenMode });

/**
 * Brings an empty database to `version` as the store would have left it: migrations 1..version and
 * their schema_migrations rows, in one script (one raw call: each opens PGlite afresh), followed by `then`.
 */
async function atVersion(db: TestDatabase, version: number, then = ''): Promise<void> {
  const script = [
    'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());',
    ...migrations
      .slice(0, version)
      .map(
        (m) =>
          `${m.sql}\nINSERT INTO schema_migrations (version, name, checksum) VALUES (${m.version}, '${m.name}', '${checksum(m)}');`,
      ),
    then,
  ];
  await db.raw(script.join('\n'));
}

export function defineStoreSuite(backend: Backend): void {
  describe(`store on ${backend.kind}`, { timeout: TIMEOUT }, () => {
    let db: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      db = await backend.createDatabase();
      store = await db.open();
    }, TIMEOUT);

    afterAll(async () => {
      await store?.close();
      await db?.dispose();
    }, TIMEOUT);

    it(`reports kind ${backend.kind} and a printable description`, () => {
      expect(store.kind).toBe(backend.kind);
      expect(store.description).toMatch(backend.kind === 'pglite' ? /^PGlite/ : /^PostgreSQL postgres:\/\//);
      expect(store.schemaVersion).toBe(LATEST_VERSION);
    });

    describe('orders', () => {
      it('upserts an order and reads it back with its extendInfo as given', async () => {
        const extendInfo = { tableNo: 'A12', zeta: 1, alpha: { nested: [1, 2] } };
        const saved = await store.upsertOrder({
          requestOrderId: 'r-1',
          posOrderId: 'p-1',
          orderStatus: 'ORDER_SUCCESS',
          extendInfo,
        });
        expect(saved).toMatchObject({
          requestOrderId: 'r-1',
          posOrderId: 'p-1',
          orderStatus: 'ORDER_SUCCESS',
          extendInfo,
        });
        const read = await store.getOrder('r-1');
        expect(read).toEqual(saved);
        // Key order survives: the endpoint serialises extendInfo and checks its length.
        expect(JSON.stringify(read?.extendInfo)).toBe(JSON.stringify(extendInfo));
        expect(read?.createdAt).toBeInstanceOf(Date);
      });

      it('replaces status, posOrderId and extendInfo on a second upsert of the same requestOrderId', async () => {
        const first = await store.upsertOrder({
          requestOrderId: 'r-2',
          posOrderId: 'p-2',
          orderStatus: 'ORDER_SUCCESS',
          extendInfo: { a: 1 },
        });
        const second = await store.upsertOrder({ requestOrderId: 'r-2', posOrderId: 'p-2b', orderStatus: 'COMPLETED' });
        expect(second).toMatchObject({ posOrderId: 'p-2b', orderStatus: 'COMPLETED' });
        expect(second.extendInfo).toBeUndefined();
        expect(second.createdAt.getTime()).toBe(first.createdAt.getTime());
        expect(second.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
        expect((await store.listOrders({ limit: 1000 })).filter((o) => o.requestOrderId === 'r-2')).toHaveLength(1);
      });

      it('answers null for an unknown requestOrderId', async () => {
        expect(await store.getOrder('no-such-order')).toBeNull();
      });

      it('lists the most recently updated orders first, up to the limit', async () => {
        for (const i of [1, 2, 3])
          await store.upsertOrder({ requestOrderId: `list-${i}`, posOrderId: `p-${i}`, orderStatus: 'READY' });
        const listed = await store.listOrders({ limit: 2 });
        expect(listed.map((o) => o.requestOrderId)).toEqual(['list-3', 'list-2']);
        expect((await store.listOrders()).length).toBeGreaterThanOrEqual(5);
      });

      it('stores 255-character ids and multi-byte text exactly', async () => {
        const id = 'é'.repeat(255);
        await store.upsertOrder({
          requestOrderId: id,
          posOrderId: '订单'.repeat(100),
          orderStatus: 'PREPARING',
          extendInfo: { note: '桌号 A12 🍜' },
        });
        expect(await store.getOrder(id)).toMatchObject({
          posOrderId: '订单'.repeat(100),
          extendInfo: { note: '桌号 A12 🍜' },
        });
      });
    });

    describe('validation', () => {
      const valid = { requestOrderId: 'v-1', posOrderId: 'p-1', orderStatus: 'ACCEPTED' as const };
      const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
        ['an empty requestOrderId', { requestOrderId: '' }, 'requestOrderId', /length 1\.\.255/],
        ['a 256-character requestOrderId', { requestOrderId: 'x'.repeat(256) }, 'requestOrderId', /length 1\.\.255/],
        ['a numeric requestOrderId', { requestOrderId: 42 }, 'requestOrderId', /string/],
        ['an empty posOrderId', { posOrderId: '' }, 'posOrderId', /length 1\.\.255/],
        ['a 256-character posOrderId', { posOrderId: 'x'.repeat(256) }, 'posOrderId', /length 1\.\.255/],
        ['a status outside the spec', { orderStatus: 'SHIPPED' }, 'orderStatus', /one of ORDER_SUCCESS, ACCEPTED/],
        ['a lower-case status', { orderStatus: 'accepted' }, 'orderStatus', /one of/],
        [
          'extendInfo over 2048 serialized characters',
          { extendInfo: { note: 'x'.repeat(2040) } },
          'extendInfo',
          /at most 2048 characters/,
        ],
        ['extendInfo as an array', { extendInfo: [1] }, 'extendInfo', /JSON object/],
      ];
      it.each(cases)('refuses %s, naming the field and the rule', async (_label, change, field, rule) => {
        const error = await store.upsertOrder({ ...valid, ...change } as never).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreValidationError);
        expect((error as StoreValidationError).field).toBe(field);
        expect((error as StoreValidationError).message).toMatch(rule);
        expect(await store.getOrder(valid.requestOrderId)).toBeNull();
      });

      it('accepts extendInfo of exactly 2048 serialized characters', async () => {
        const extendInfo = { note: 'x'.repeat(2048 - '{"note":""}'.length) };
        expect(JSON.stringify(extendInfo)).toHaveLength(2048);
        await expect(store.upsertOrder({ ...valid, requestOrderId: 'v-2048', extendInfo })).resolves.toMatchObject({
          extendInfo,
        });
      });

      it('refuses a limit outside 1..1000', async () => {
        await expect(store.listOrders({ limit: 0 })).rejects.toMatchObject({ field: 'limit' });
        await expect(store.listAudit({ limit: 1001 })).rejects.toMatchObject({ field: 'limit' });
      });
    });

    describe('audit log', () => {
      it('appends entries and lists them newest first, optionally by provider', async () => {
        const base = Date.UTC(2030, 0, 1);
        await store.appendAudit({
          direction: 'received',
          provider: 'dstore',
          operation: 'inquireOrderDetail',
          ids: { requestOrderId: 'r-1' },
          resultCode: 'SUCCESS',
          resultStatus: 'S',
          latencyMs: 12.5,
          at: new Date(base),
        });
        await store.appendAudit({
          direction: 'made',
          provider: 'wechat',
          operation: 'cgi-bin/token',
          ids: { appId: 'wx123' },
          latencyMs: 80,
          at: new Date(base + 1000),
        });
        await store.appendAudit({
          direction: 'made',
          provider: 'ovopark',
          operation: 'queryOrder',
          ids: { orderNo: 'o-9' },
          resultCode: '0',
          latencyMs: 5,
          at: new Date(base + 2000),
        });
        const all = await store.listAudit({ limit: 3 });
        expect(all.map((e) => e.provider)).toEqual(['ovopark', 'wechat', 'dstore']);
        expect(all[2]).toEqual({
          id: expect.any(Number),
          direction: 'received',
          provider: 'dstore',
          operation: 'inquireOrderDetail',
          ids: { requestOrderId: 'r-1' },
          resultCode: 'SUCCESS',
          resultStatus: 'S',
          latencyMs: 12.5,
          at: new Date(base),
        });
        expect(all[1]).not.toHaveProperty('resultCode');
        const wechat = await store.listAudit({ provider: 'wechat' });
        expect(wechat.map((e) => e.operation)).toEqual(['cgi-bin/token']);
      });

      it('writes 200 concurrent appends in groups, each resolving with its own committed row', async () => {
        const entries = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            store.appendAudit({
              direction: 'received',
              provider: 'dstore',
              operation: 'inquireOrderDetail',
              ids: { requestOrderId: `g-${i}` },
              latencyMs: i,
            }),
          ),
        );
        expect(new Set(entries.map((e) => e.id)).size).toBe(200);
        expect(entries.map((e) => e.ids.requestOrderId)).toEqual(Array.from({ length: 200 }, (_, i) => `g-${i}`));
        expect(entries.map((e) => e.latencyMs)).toEqual(Array.from({ length: 200 }, (_, i) => i));
        const listed = await store.listAudit({ limit: 1000 });
        expect(listed.filter((e) => e.ids.requestOrderId?.startsWith('g-'))).toHaveLength(200);
      });

      it('answers a lookup with the latest write, found or not', async () => {
        expect(await store.getOrder('cache-1')).toBeNull();
        await store.upsertOrder({ requestOrderId: 'cache-1', posOrderId: 'P-1', orderStatus: 'ACCEPTED' });
        expect(await store.getOrder('cache-1')).toMatchObject({ posOrderId: 'P-1', orderStatus: 'ACCEPTED' });
        await store.upsertOrder({ requestOrderId: 'cache-1', posOrderId: 'P-1', orderStatus: 'READY' });
        const order = await store.getOrder('cache-1');
        expect(order).toMatchObject({ orderStatus: 'READY' });
        order!.orderStatus = 'CANCELLED'; // a caller's copy, not the store's
        expect(await store.getOrder('cache-1')).toMatchObject({ orderStatus: 'READY' });
      });

      it('stamps an entry with the database clock when no time is given', async () => {
        const before = Date.now();
        const entry = await store.appendAudit({
          direction: 'received',
          provider: 'dstore',
          operation: 'inquireOrderDetail',
          ids: {},
          latencyMs: 1,
        });
        expect(Math.abs(entry.at.getTime() - before)).toBeLessThan(60_000);
      });

      it.each(['accessToken', 'appSecret', 'password', 'privateKey', 'apiKey', 'SIGNATURE'])(
        'refuses an id named %s: never a secret',
        async (key) => {
          const error = await store
            .appendAudit({ direction: 'made', provider: 'wechat', operation: 'x', ids: { [key]: 'v' }, latencyMs: 1 })
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(StoreValidationError);
          expect((error as StoreValidationError).field).toBe(`ids.${key}`);
        },
      );

      it('refuses an unknown provider, direction or a negative latency', async () => {
        const entry = { direction: 'made', provider: 'wechat', operation: 'x', ids: {}, latencyMs: 1 } as const;
        await expect(store.appendAudit({ ...entry, provider: 'alipay' as never })).rejects.toMatchObject({
          field: 'provider',
        });
        await expect(store.appendAudit({ ...entry, direction: 'sent' as never })).rejects.toMatchObject({
          field: 'direction',
        });
        await expect(store.appendAudit({ ...entry, latencyMs: -1 })).rejects.toMatchObject({ field: 'latencyMs' });
        await expect(store.appendAudit({ ...entry, ids: { orderNo: 7 as never } })).rejects.toMatchObject({
          field: 'ids.orderNo',
        });
      });
    });

    // Closes and reopens the store: for PGlite raw SQL needs the directory to itself.
    describe('in the database itself', () => {
      it('refuses UPDATE, DELETE and TRUNCATE of the audit log (append-only trigger)', async () => {
        await store.appendAudit({ direction: 'made', provider: 'dstore', operation: 'keep-me', ids: {}, latencyMs: 1 });
        await store.close();
        try {
          await expect(db.raw("UPDATE audit_log SET operation = 'changed'")).rejects.toThrow(/append-only: UPDATE/);
          await expect(db.raw('DELETE FROM audit_log')).rejects.toThrow(/append-only: DELETE/);
          await expect(db.raw('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE/);
          const rows = await db.raw<{ operation: string }>(
            "SELECT operation FROM audit_log WHERE operation = 'keep-me'",
          );
          expect(rows).toHaveLength(1);
        } finally {
          store = await db.open();
        }
      });

      it('runs the migrations once: reopening applies nothing and records each version once', async () => {
        await store.close();
        store = await db.open();
        expect(store.schemaVersion).toBe(LATEST_VERSION);
        await store.close();
        try {
          const rows = await db.raw<{ version: number; name: string }>(
            'SELECT version, name FROM schema_migrations ORDER BY version',
          );
          expect(rows.map((r) => [Number(r.version), r.name])).toEqual(migrations.map((m) => [m.version, m.name]));
        } finally {
          store = await db.open();
        }
      });

      it('keeps orders, audit entries and the token across close and reopen', async () => {
        await store.upsertOrder({
          requestOrderId: 'restart-1',
          posOrderId: 'p',
          orderStatus: 'CANCELLED',
          extendInfo: { why: 'test' },
        });
        await store.appendAudit({
          direction: 'received',
          provider: 'dstore',
          operation: 'restart-check',
          ids: { requestOrderId: 'restart-1' },
          latencyMs: 3,
        });
        await store.tokens.refresh(scopeOf('restart'), undefined, async () => ({
          accessToken: 'tok-restart',
          expiresAt: Date.now() + 3_600_000,
        }));
        await store.close();
        store = await db.open();
        expect(await store.getOrder('restart-1')).toMatchObject({
          orderStatus: 'CANCELLED',
          extendInfo: { why: 'test' },
        });
        expect((await store.listAudit({ limit: 1000 })).some((e) => e.operation === 'restart-check')).toBe(true);
        expect(await store.tokens.get(scopeOf('restart'))).toMatchObject({ accessToken: 'tok-restart' });
      });
    });

    describe('token store', () => {
      it('refreshes the token once under 20 concurrent refresh calls', async () => {
        let fetches = 0;
        const fetchToken = async () => {
          fetches++;
          await new Promise((resolve) => setTimeout(resolve, 50));
          return { accessToken: `tok-${fetches}`, expiresAt: Date.now() + 7_200_000 };
        };
        const results = await Promise.all(
          Array.from({ length: 20 }, () =>
            store.tokens.refresh(scopeOf('wx-app', LIVE, 'stable_token'), undefined, fetchToken),
          ),
        );
        expect(fetches).toBe(1);
        expect(new Set(results.map((t) => t.accessToken))).toEqual(new Set(['tok-1']));
        expect(await store.tokens.get(scopeOf('wx-app', LIVE, 'stable_token'))).toEqual(results[0]);
      });

      it('fetches again only when the stored token is the rejected one or has expired', async () => {
        const key = scopeOf('wx-app-rotation');
        let n = 0;
        const fetchToken = async () => ({ accessToken: `rot-${++n}`, expiresAt: Date.now() + 7_200_000 });
        expect(await store.tokens.get(key)).toBeUndefined();
        const first = await store.tokens.refresh(key, undefined, fetchToken);
        // Somebody else already replaced the token this caller saw rejected: no fetch.
        expect(await store.tokens.refresh(key, 'an-older-token', fetchToken)).toEqual(first);
        expect(n).toBe(1);
        const second = await store.tokens.refresh(key, first.accessToken, fetchToken);
        expect(second.accessToken).toBe('rot-2');
        const expired = await store.tokens.refresh(scopeOf('wx-app-expired'), undefined, async () => ({
          accessToken: 'old',
          expiresAt: Date.now() - 1,
        }));
        expect(expired.accessToken).toBe('old');
        expect((await store.tokens.refresh(scopeOf('wx-app-expired'), undefined, fetchToken)).accessToken).toBe(
          'rot-3',
        );
      });

      it('keeps the stored token when a fetch fails, and lets the next caller fetch', async () => {
        const key = scopeOf('wx-app-failing');
        const good = await store.tokens.refresh(key, undefined, async () => ({
          accessToken: 'good',
          expiresAt: Date.now() + 60_000,
        }));
        await expect(
          store.tokens.refresh(key, 'good', async () => Promise.reject(new Error('wechat down'))),
        ).rejects.toThrow('wechat down');
        expect(await store.tokens.get(key)).toEqual(good);
        expect(
          (
            await store.tokens.refresh(key, 'good', async () => ({
              accessToken: 'better',
              expiresAt: Date.now() + 60_000,
            }))
          ).accessToken,
        ).toBe('better');
      });

      it('keeps the tokens of one AppID on two services (mock and live) apart', async () => {
        const mock = scopeOf('wx-scoped', 'http://127.0.0.1:4011');
        const live = scopeOf('wx-scoped');
        const fromMock = await store.tokens.refresh(mock, undefined, async () => ({
          accessToken: 'mock-tok',
          expiresAt: Date.now() + 60_000,
        }));
        expect(await store.tokens.get(live)).toBeUndefined();
        let liveFetches = 0;
        const fromLive = await store.tokens.refresh(live, undefined, async () => ({
          accessToken: `live-tok-${++liveFetches}`,
          expiresAt: Date.now() + 60_000,
        }));
        expect(liveFetches).toBe(1);
        expect(fromLive.accessToken).toBe('live-tok-1');
        expect(await store.tokens.get(mock)).toEqual(fromMock);
        expect(await store.tokens.get(live)).toEqual(fromLive);
        // A refusal on one service replaces that service's token only.
        await store.tokens.refresh(mock, 'mock-tok', async () => ({
          accessToken: 'mock-tok-2',
          expiresAt: Date.now() + 60_000,
        }));
        expect((await store.tokens.get(live))?.accessToken).toBe('live-tok-1');
        // And the stable token of the same AppID and service is yet another.
        expect(await store.tokens.get(scopeOf('wx-scoped', LIVE, 'stable_token'))).toBeUndefined();
        const rows = await db.raw<{ base_url: string; app_id: string; token_mode: string }>(
          "SELECT base_url, account_id AS app_id, token_mode FROM provider_access_tokens WHERE account_id = 'wx-scoped' ORDER BY base_url",
        );
        expect(rows).toEqual([
          { base_url: 'http://127.0.0.1:4011', app_id: 'wx-scoped', token_mode: 'token' },
          { base_url: LIVE, app_id: 'wx-scoped', token_mode: 'token' },
        ]);
      });

      it('migration 4 drops the tokens version 3 kept by AppID alone: they cannot be told apart by service', async () => {
        const old = await backend.createDatabase();
        try {
          // A database at version 3 holding a token: migrations 1..3 only, then open (4 and 5 run).
          await atVersion(
            old,
            3,
            `INSERT INTO access_tokens (key, access_token, expires_at_ms) VALUES ('wechat:token:wx-upgraded', 'from-the-mock', ${Date.now() + 3_600_000});`,
          );
          const upgraded = await old.open();
          try {
            expect(upgraded.schemaVersion).toBe(LATEST_VERSION);
            for (const baseUrl of [LIVE, 'http://127.0.0.1:4011'])
              expect(await upgraded.tokens.get(scopeOf('wx-upgraded', baseUrl))).toBeUndefined();
          } finally {
            await upgraded.close();
          }
          const tables = await old.raw<{ name: string }>(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_name IN ('access_tokens', 'wechat_access_tokens', 'provider_access_tokens')",
          );
          expect(tables.map((t) => t.name)).toEqual(['provider_access_tokens']);
        } finally {
          await old.dispose();
        }
      });

      it('migration 5 keeps the tokens and audit entries of version 4, and takes any registered provider', async () => {
        const old = await backend.createDatabase();
        try {
          const expiresAt = Date.now() + 3_600_000;
          await atVersion(
            old,
            4,
            `INSERT INTO wechat_access_tokens (base_url, app_id, token_mode, access_token, expires_at_ms) VALUES ('${LIVE}', 'wx-kept', 'stable_token', 'kept-token', ${expiresAt});
             INSERT INTO audit_log (direction, provider, operation, latency_ms) VALUES ('made', 'ovopark', 'before-5', 1);`,
          );
          const upgraded = await old.open();
          try {
            expect(upgraded.schemaVersion).toBe(5);
            expect(await upgraded.tokens.get(scopeOf('wx-kept', LIVE, 'stable_token'))).toEqual({
              accessToken: 'kept-token',
              expiresAt,
            });
            expect((await upgraded.listAudit({ provider: 'ovopark' })).map((e) => e.operation)).toEqual(['before-5']);
          } finally {
            await upgraded.close();
          }
          // No provider list in the schema any more: a fourth provider's entry needs no migration.
          await old.raw(
            "INSERT INTO audit_log (direction, provider, operation, latency_ms) VALUES ('made', 'fourth-provider', 'x', 1)",
          );
          await expect(
            old.raw(
              "INSERT INTO audit_log (direction, provider, operation, latency_ms) VALUES ('made', 'Not An Id', 'x', 1)",
            ),
          ).rejects.toThrow(/audit_log_provider_id/);
        } finally {
          await old.dispose();
        }
      });

      it('refuses a scope that tokenScope() would not build, saying what is wrong', async () => {
        const bad = [
          { provider: 'wechat', baseUrl: 'https://api.weixin.qq.com/', accountId: 'wx', tokenMode: 'token' },
          { provider: 'wechat', baseUrl: 'api.weixin.qq.com', accountId: 'wx', tokenMode: 'token' },
          { provider: 'wechat', baseUrl: LIVE, accountId: '', tokenMode: 'token' },
          { provider: '', baseUrl: LIVE, accountId: 'wx', tokenMode: 'token' },
          { baseUrl: LIVE, appId: 'wx', tokenMode: 'token' },
          'wx-app:legacy-string-key',
        ] as unknown as TokenScope[];
        for (const scope of bad) {
          await expect(store.tokens.get(scope)).rejects.toThrow(StoreValidationError);
          await expect(
            store.tokens.refresh(scope, undefined, async () => ({ accessToken: 't', expiresAt: 1 })),
          ).rejects.toThrow(/tokenScope\(\)/);
        }
      });

      it('never shows a token when printed', async () => {
        const { inspect } = await import('node:util');
        expect(inspect(store.tokens)).toBe('[DatabaseTokenStore]');
        expect(JSON.stringify({ tokens: store.tokens })).not.toMatch(/tok-|good|better/);
      });
    });
  });
}
