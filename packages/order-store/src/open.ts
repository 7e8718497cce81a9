import { migrate } from './migrations.js';
import { DEFAULT_DATA_DIR, openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { SqlStore } from './sql-store.js';
import type { OpenStoreOptions, OrderRules, Store } from './store.js';
import { checkStoreOptions } from './validation.js';

/**
 * PostgreSQL when `databaseUrl` is set, else PGlite in `dataDir`; migrations run before it
 * resolves. PGlite throws StoreLockedError while another process has the directory open.
 * `providers` (required) lists the provider ids audit entries may name; `orderRules` the rules an
 * order must meet (StoreValidationError for either before anything opens).
 */
export async function openStore<Status extends string = string>(
  options: OpenStoreOptions<Status>,
): Promise<Store<Status>> {
  const { providers, orderRules } = checkStoreOptions(
    options?.providers,
    options?.orderRules as OrderRules | undefined,
  );
  const databaseUrl = options.databaseUrl?.trim();
  const kind = databaseUrl ? 'postgres' : 'pglite';
  const { db, description } = databaseUrl
    ? openPostgres(databaseUrl, options.maxConnections)
    : await openPglite(options.dataDir ?? DEFAULT_DATA_DIR, options.holderName ?? 'order-desk');
  try {
    await migrate(db);
    const [row] = await db.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations');
    return new SqlStore({
      kind,
      description,
      schemaVersion: Number(row?.version ?? 0),
      db,
      providers,
      orderRules,
    }) as unknown as Store<Status>;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
