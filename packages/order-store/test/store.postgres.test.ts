/**
 * The shared suite on PostgreSQL, plus what only a server shared by several processes can show.
 * Needs ORDERKIT_TEST_DATABASE_URL (a role allowed to CREATE DATABASE; each run uses fresh
 * databases and drops them): `export "$(scripts/start-test-postgres.sh)"`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION, openStore, type Store } from '../src/index.js';
import { storeOptions } from './options.js';
import { postgresBackend, type TestDatabase } from './support.js';
import { defineStoreSuite, scopeOf } from './store-suite.js';

const adminUrl = process.env.ORDERKIT_TEST_DATABASE_URL;
if (!adminUrl) {
  console.warn(
    'PostgreSQL store tests SKIPPED: set ORDERKIT_TEST_DATABASE_URL (e.g. `export "$(scripts/start-test-postgres.sh)"` in packages/order-store) to run them.',
  );
}

describe.skipIf(!adminUrl)('PostgreSQL', () => {
  const backend = postgresBackend(adminUrl ?? 'postgres://unused');
  defineStoreSuite(backend);

  describe('several app instances on one database', { timeout: 60_000 }, () => {
    let db: TestDatabase;
    const stores: Store[] = [];

    beforeAll(async () => {
      db = await backend.createDatabase();
    });

    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
      await db?.dispose();
    });

    it('migrates once when two instances open an empty database at the same moment', async () => {
      stores.push(...(await Promise.all([db.open(), db.open(), db.open()])));
      expect(stores.map((s) => s.schemaVersion)).toEqual([LATEST_VERSION, LATEST_VERSION, LATEST_VERSION]);
      const rows = await db.raw<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
      expect(Number(rows[0]?.n)).toBe(LATEST_VERSION);
    });

    it('refreshes the token once when two instances (two pools) race, 10 callers each', async () => {
      const [a, b] = stores as [Store, Store];
      let fetches = 0;
      const fetchToken = async () => {
        fetches++;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { accessToken: `shared-${fetches}`, expiresAt: Date.now() + 7_200_000 };
      };
      const calls = Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).tokens.refresh(scopeOf('wx-app-shared'), undefined, fetchToken),
      );
      const results = await Promise.all(calls);
      expect(fetches).toBe(1);
      expect(new Set(results.map((t) => t.accessToken))).toEqual(new Set(['shared-1']));
    });

    it('lets exactly one instance replace a token that both saw rejected', async () => {
      const [a, b] = stores as [Store, Store];
      const rejected = (await a.tokens.get(scopeOf('wx-app-shared')))?.accessToken;
      let fetches = 0;
      const fetchToken = async () => {
        fetches++;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { accessToken: `replaced-${fetches}`, expiresAt: Date.now() + 7_200_000 };
      };
      const results = await Promise.all([
        a.tokens.refresh(scopeOf('wx-app-shared'), rejected, fetchToken),
        b.tokens.refresh(scopeOf('wx-app-shared'), rejected, fetchToken),
      ]);
      expect(fetches).toBe(1);
      expect(results.map((t) => t.accessToken)).toEqual(['replaced-1', 'replaced-1']);
    });

    it('never prints the password of the database URL', async () => {
      const [a] = stores as [Store];
      const password = decodeURIComponent(new URL(adminUrl as string).password);
      const { inspect } = await import('node:util');
      for (const shown of [a.description, inspect(a), JSON.stringify(a)]) {
        if (password) expect(shown).not.toContain(password);
      }
      expect(a.description).toMatch(/^PostgreSQL postgres:\/\/[^@]*:\*\*\*@/);
    });
  });
});

describe('opening PostgreSQL', () => {
  it('fails with a connection error, not a hang, when nothing listens', async () => {
    await expect(openStore({ ...storeOptions, databaseUrl: 'postgres://nobody:pw@127.0.0.1:1/none' })).rejects.toThrow(
      /ECONNREFUSED|connect/,
    );
  });
});
