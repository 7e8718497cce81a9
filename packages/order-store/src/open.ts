import { migrate } from './migrations.js';
import { DEFAULT_DATA_DIR, openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { SqlStore } from './sql-store.js';
import type { OpenStoreOptions, Store } from './store.js';

/**
 * PostgreSQL when `databaseUrl` is set, else PGlite in `dataDir`; migrations run before it
 * resolves. PGlite throws StoreLockedError while another process has the directory open.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const databaseUrl = options.databaseUrl?.trim();
  const kind = databaseUrl ? 'postgres' : 'pglite';
  const { db, description } = databaseUrl
    ? openPostgres(databaseUrl, options.maxConnections)
    : await openPglite(options.dataDir ?? DEFAULT_DATA_DIR, options.holderName ?? 'order-desk');
  try {
    await migrate(db);
    const [row] = await db.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations');
    return new SqlStore({ kind, description, schemaVersion: Number(row?.version ?? 0), db });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
