/**
 * A database that cannot be reached for a while (a restart, a network cut): which errors say so,
 * and audit rows appended meanwhile wait and are written once it answers again, with the time they
 * were appended; a statement the database refuses still fails at once. (The whole app under a real
 * PostgreSQL outage: apps/order-desk/test/outage.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { isUnreachable } from '../src/postgres.js';
import type { SqlClient, SqlDatabase } from '../src/sql.js';
import { SqlStore } from '../src/sql-store.js';
import { checkStoreOptions } from '../src/validation.js';

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('isUnreachable', () => {
  it('says yes to a refused or lost connection and a server shutting down or starting up', () => {
    for (const error of [
      coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      coded('ECONNRESET'),
      coded('57P01', 'terminating connection due to administrator command'),
      coded('57P03', 'the database system is starting up'),
      coded('08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Query read timeout'),
      new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], ''),
    ])
      expect(isUnreachable(error), error.message).toBe(true);
  });

  it('says no to a statement the database refuses', () => {
    for (const error of [
      coded('23505', 'duplicate key value violates unique constraint'),
      coded('22P02'),
      new Error('x'),
      'text',
      undefined,
    ])
      expect(isUnreachable(error)).toBe(false);
  });
});

/** A database whose INSERTs fail with `failure` while `down` is true. */
function flakyDatabase(failure: Error) {
  const state = { down: true, inserts: 0, rows: [] as Array<Record<string, unknown>> };
  const query = async <R>(text: string, params: readonly unknown[] = []): Promise<R[]> => {
    state.inserts++;
    if (state.down) throw failure;
    // The store sends a batch as one JSON array parameter of 8-value rows (sql-store.ts #insertAudits).
    const rows = [];
    for (const r of JSON.parse(params[0] as string) as unknown[][]) {
      const row = {
        id: state.rows.length + 1,
        at: r[0] ? new Date(r[0] as string) : new Date(),
        direction: r[1],
        provider: r[2],
        operation: r[3],
        ids: r[4],
        result_code: r[5],
        result_status: r[6],
        latency_ms: r[7],
      };
      state.rows.push(row);
      rows.push(row);
    }
    expect(text).toMatch(/^INSERT INTO audit_log/);
    return rows as R[];
  };
  const client: SqlClient = { query, exec: async () => undefined };
  const db: SqlDatabase = {
    ...client,
    transaction: (fn) => fn(client),
    exclusive: (_key, fn) => fn(client),
    unreachable: isUnreachable,
    close: async () => undefined,
  };
  const { providers, orderRules } = checkStoreOptions(['dstore'], undefined);
  const store = new SqlStore({ kind: 'postgres', description: 'fake', schemaVersion: 1, db, providers, orderRules });
  return { state, store };
}

const entry = (n: number) =>
  ({
    direction: 'received',
    provider: 'dstore',
    operation: 'inquireOrderDetail',
    ids: { n: String(n) },
    latencyMs: 1,
  }) as const;

describe('audit rows while the database cannot be reached', () => {
  it('wait, and are written once it answers again, each with the time it was appended', async () => {
    const { state, store } = flakyDatabase(coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'));
    const appended = Date.now();
    const written = Promise.all([1, 2, 3].map((n) => store.appendAudit(entry(n))));
    await new Promise((r) => setTimeout(r, 600));
    expect(state.rows).toHaveLength(0);
    expect(state.inserts).toBeGreaterThanOrEqual(2);
    state.down = false;
    const entries = await written;
    expect(entries.map((e) => e.ids.n)).toEqual(['1', '2', '3']);
    for (const e of entries) expect(Math.abs(e.at.getTime() - appended)).toBeLessThan(300);
    await store.close();
  });

  it('still fail at once when the database refuses the row', async () => {
    const { state, store } = flakyDatabase(coded('23514', 'new row violates check constraint'));
    await expect(store.appendAudit(entry(1))).rejects.toThrow(/check constraint/);
    expect(state.inserts).toBe(1);
    await store.close();
  });

  it('give up on close instead of waiting for the database forever', async () => {
    const { store } = flakyDatabase(coded('ECONNREFUSED'));
    const pending = store.appendAudit(entry(1));
    const outcome = pending.then(
      () => 'written',
      () => 'rejected',
    );
    await new Promise((r) => setTimeout(r, 100));
    await store.close();
    expect(await outcome).toBe('rejected');
  });
});
