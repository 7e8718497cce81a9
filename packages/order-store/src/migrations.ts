/**
 * The schema, as ordered, versioned migrations that run identically on PGlite and PostgreSQL.
 * An applied migration is history: never edit one (its checksum is recorded and checked at open);
 * add the next version instead.
 */
import { createHash } from 'node:crypto';
import { StoreMigrationError } from './errors.js';
import type { SqlDatabase } from './sql.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Key of the advisory lock that serialises migrations of processes opening one database at once. */
export const MIGRATION_LOCK_KEY = 7_311_402_816_530_001n;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'pos_orders',
    // The order status is not constrained here: its values come from the D-Store spec and are
    // checked by the store before writing, so a new status needs no migration.
    // extend_info is json, not jsonb: it keeps the text as written, so key order and the
    // serialized length the endpoint checks do not change on the way through the database.
    // revision orders "most recently written": timestamps tie within one clock tick.
    sql: `
CREATE SEQUENCE pos_orders_revision;
CREATE TABLE pos_orders (
  request_order_id text PRIMARY KEY CHECK (char_length(request_order_id) BETWEEN 1 AND 255),
  pos_order_id     text NOT NULL CHECK (char_length(pos_order_id) BETWEEN 1 AND 255),
  order_status     text NOT NULL,
  extend_info      json,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  revision         bigint NOT NULL DEFAULT nextval('pos_orders_revision')
);
CREATE INDEX pos_orders_recent ON pos_orders (revision DESC);
`,
  },
  {
    version: 2,
    name: 'audit_log',
    sql: `
CREATE TABLE audit_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  direction     text NOT NULL CHECK (direction IN ('received', 'made')),
  provider      text NOT NULL CHECK (provider IN ('dstore', 'wechat', 'ovopark')),
  operation     text NOT NULL CHECK (char_length(operation) BETWEEN 1 AND 255),
  ids           jsonb NOT NULL DEFAULT '{}'::jsonb,
  result_code   text,
  result_status text,
  latency_ms    double precision NOT NULL CHECK (latency_ms >= 0)
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_provider_at ON audit_log (provider, at DESC, id DESC);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
`,
  },
  {
    version: 3,
    name: 'access_tokens',
    // Holds live credentials: whoever can read this table can call WeChat as the merchant.
    sql: `
CREATE TABLE access_tokens (
  key           text PRIMARY KEY,
  access_token  text NOT NULL,
  expires_at_ms bigint NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    version: 4,
    name: 'wechat_access_tokens_by_platform',
    // A WeChat token belongs to the service that issued it (base URL) and to an AppID: version 3
    // keyed tokens by AppID and token mode only, so a token from the mock could be sent to the live
    // service. Its rows cannot be told apart by service, so they are dropped, not carried over; each
    // client fetches a token from its own service on its next call.
    // Holds live credentials: whoever can read this table can call WeChat as the merchant.
    sql: `
DROP TABLE access_tokens;
CREATE TABLE wechat_access_tokens (
  base_url      text NOT NULL CHECK (char_length(base_url) BETWEEN 1 AND 2048),
  app_id        text NOT NULL CHECK (char_length(app_id) BETWEEN 1 AND 255),
  token_mode    text NOT NULL CHECK (token_mode IN ('token', 'stable_token')),
  access_token  text NOT NULL CHECK (access_token <> ''),
  expires_at_ms bigint NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (base_url, app_id, token_mode)
);
`,
  },
  {
    version: 5,
    name: 'registered_providers',
    // Providers are registered by the app, not listed in the schema: the audit log's provider
    // column keeps only a format check (the store checks the id against its registered list), and
    // tokens of any provider live in one table keyed by provider, service, account and token mode.
    // The rows of version 4's table are carried over (they already name their service).
    // Holds live credentials: whoever can read this table can call the providers as the merchant.
    sql: `
ALTER TABLE audit_log DROP CONSTRAINT audit_log_provider_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_provider_id
  CHECK (provider ~ '^[a-z][a-z0-9-]{0,63}$');
CREATE TABLE provider_access_tokens (
  provider      text NOT NULL CHECK (char_length(provider) BETWEEN 1 AND 255),
  base_url      text NOT NULL CHECK (char_length(base_url) BETWEEN 1 AND 2048),
  account_id    text NOT NULL CHECK (char_length(account_id) BETWEEN 1 AND 255),
  token_mode    text NOT NULL CHECK (char_length(token_mode) BETWEEN 1 AND 255),
  access_token  text NOT NULL CHECK (access_token <> ''),
  expires_at_ms bigint NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, base_url, account_id, token_mode)
);
INSERT INTO provider_access_tokens (provider, base_url, account_id, token_mode, access_token, expires_at_ms, updated_at)
  SELECT 'wechat', base_url, app_id, token_mode, access_token, expires_at_ms, updated_at FROM wechat_access_tokens;
DROP TABLE wechat_access_tokens;
`,
  },
];

export function checksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

export const LATEST_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings the database to LATEST_VERSION in one transaction. The advisory lock makes a second
 * process that opens the same PostgreSQL at the same moment wait, then find nothing left to do.
 * Returns the versions applied now.
 */
export async function migrate(db: SqlDatabase, list: readonly Migration[] = migrations): Promise<number[]> {
  assertOrdered(list);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY.toString()]);
    await tx.exec(`
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`);
    const applied = await tx.query<AppliedRow>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const known = new Map(list.map((m) => [m.version, m]));
    for (const row of applied) {
      const migration = known.get(row.version);
      if (!migration) {
        throw new StoreMigrationError(
          `the database has schema version ${row.version} (${row.name}), newer than this build knows ` +
            `(${list.at(-1)?.version ?? 0}); run a build at least as new as the one that migrated it`,
        );
      }
      if (checksum(migration) !== row.checksum) {
        throw new StoreMigrationError(
          `migration ${row.version} (${row.name}) was changed after it was applied; add a new migration instead`,
        );
      }
    }
    const done = new Set(applied.map((row) => row.version));
    const now: number[] = [];
    for (const migration of list) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        checksum(migration),
      ]);
      now.push(migration.version);
    }
    return now;
  });
}

function assertOrdered(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new StoreMigrationError(`migration versions must run 1, 2, 3, …; found ${m.version} at position ${i + 1}`);
  });
}
