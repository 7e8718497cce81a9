/** The Store on top of either engine: every statement here runs unchanged on PGlite and PostgreSQL. */
import type { TokenStore } from '@orderkit/core';
import type { SqlDatabase } from './sql.js';
import type {
  AuditDirection,
  AuditEntry,
  AuditInput,
  AuditProvider,
  ExtendInfo,
  ListAuditOptions,
  ListOptions,
  OrderInput,
  OrderRules,
  Store,
  StoreKind,
  StoredOrder,
} from './store.js';
import { DatabaseTokenStore } from './token-store.js';
import {
  validateAudit,
  validateLimit,
  validateListAudit,
  validateOrder,
  validateRequestOrderId,
} from './validation.js';

interface OrderRow {
  request_order_id: string;
  pos_order_id: string;
  order_status: string;
  extend_info: ExtendInfo | null;
  created_at: Date;
  updated_at: Date;
}

interface AuditRow {
  id: number;
  at: Date;
  direction: string;
  provider: string;
  operation: string;
  ids: Record<string, string>;
  result_code: string | null;
  result_status: string | null;
  latency_ms: number;
}

const ORDER_COLUMNS = 'request_order_id, pos_order_id, order_status, extend_info, created_at, updated_at';
// bigint arrives as a string from pg and as a number from PGlite; float8 is a number from both.
const AUDIT_COLUMNS =
  'id::float8 AS id, at, direction, provider, operation, ids, result_code, result_status, latency_ms';

/** Audit rows written by one INSERT at most. */
const MAX_AUDIT_BATCH = 500;
/**
 * Least time from the start of one audit INSERT to the start of the next. A statement costs PGlite
 * 2–5 ms of this thread whatever it carries and each row 0.05–0.1 ms more (measured on a busy
 * 2-core VM), so under load rows wait up to this long and go in together: at most 5 statements a
 * second. A row appended while no statement ran for this long is written at once.
 */
export const AUDIT_FLUSH_SPACING_MS = 200;
/** Orders the embedded store keeps in memory (found and not found), beyond which it starts afresh. */
const MAX_CACHED_ORDERS = 10_000;

/**
 * Audit rows kept while the database cannot be reached, written once it can be again. Past this
 * many waiting, the oldest are given up (their appendAudit rejects), so memory stays bounded.
 */
export const MAX_WAITING_AUDITS = 10_000;
/** The pause between attempts while the database cannot be reached: doubling from the first to the last. */
const AUDIT_RETRY_MS = [250, 5_000] as const;

type PendingAudit = {
  /** The entry as appended (copied then: a caller changing its object later changes nothing). */
  entry: AuditEntry;
  /** Its 8 column values, in INSERT order; the time is the append's (kept if the row has to wait). */
  params: unknown[];
  resolve: (e: AuditEntry) => void;
  reject: (error: unknown) => void;
};

export class SqlStore implements Store {
  readonly kind: StoreKind;
  readonly description: string;
  readonly schemaVersion: number;
  readonly providers: readonly string[];
  readonly tokens: TokenStore;
  readonly #db: SqlDatabase;
  readonly #orderRules: OrderRules;
  /**
   * Group commit: audit rows appended while an INSERT is running, or within AUDIT_FLUSH_SPACING_MS
   * of the last one's start, go into the next one, so under load one statement carries many rows;
   * alone, a row is written at once. Each promise still resolves only after its row is committed.
   */
  #pendingAudits: PendingAudit[] = [];
  #auditFlush: Promise<void> | undefined;
  #closing = false;
  #lastAuditFlushAt = Number.NEGATIVE_INFINITY;
  /** Ends the wait before the next INSERT (close() writes what is pending at once). */
  #auditFlushNow: (() => void) | undefined;
  /**
   * The embedded store has one opener (the lock), so every write passes through this object and
   * an in-memory copy of looked-up orders cannot go stale. PostgreSQL may have other writers:
   * there every lookup reads the database.
   */
  readonly #orders: Map<string, StoredOrder | null> | undefined;

  constructor(args: {
    kind: StoreKind;
    description: string;
    schemaVersion: number;
    db: SqlDatabase;
    providers: readonly string[];
    orderRules: OrderRules;
  }) {
    this.kind = args.kind;
    this.description = args.description;
    this.schemaVersion = args.schemaVersion;
    this.providers = args.providers;
    this.#orderRules = args.orderRules;
    this.#db = args.db;
    this.tokens = new DatabaseTokenStore(args.db);
    this.#orders = args.kind === 'pglite' ? new Map() : undefined;
  }

  #remember(requestOrderId: string, order: StoredOrder | null): void {
    if (!this.#orders) return;
    if (this.#orders.size >= MAX_CACHED_ORDERS) this.#orders.clear();
    this.#orders.set(requestOrderId, order);
  }

  async upsertOrder(input: OrderInput): Promise<StoredOrder> {
    const order = validateOrder(input, this.#orderRules);
    // A single autocommitted statement: once it resolves, the commit record is in the WAL.
    const rows = await this.#db.query<OrderRow>(
      `INSERT INTO pos_orders (request_order_id, pos_order_id, order_status, extend_info)
       VALUES ($1, $2, $3, $4::json)
       ON CONFLICT (request_order_id) DO UPDATE SET
         pos_order_id = EXCLUDED.pos_order_id,
         order_status = EXCLUDED.order_status,
         extend_info = EXCLUDED.extend_info,
         updated_at = now(),
         revision = nextval('pos_orders_revision')
       RETURNING ${ORDER_COLUMNS}`,
      [order.requestOrderId, order.posOrderId, order.orderStatus, order.extendInfoJson],
    );
    const stored = toOrder(rows[0] as OrderRow);
    this.#remember(stored.requestOrderId, stored);
    return stored;
  }

  async getOrder(requestOrderId: string): Promise<StoredOrder | null> {
    validateRequestOrderId(requestOrderId, this.#orderRules);
    const cached = this.#orders?.get(requestOrderId);
    if (cached !== undefined) return cached && structuredClone(cached);
    const rows = await this.#db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM pos_orders WHERE request_order_id = $1`, [
      requestOrderId,
    ]);
    const order = rows[0] ? toOrder(rows[0]) : null;
    this.#remember(requestOrderId, order);
    return order && structuredClone(order);
  }

  async listOrders(options?: ListOptions): Promise<StoredOrder[]> {
    const limit = validateLimit(options);
    const rows = await this.#db.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM pos_orders ORDER BY revision DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toOrder);
  }

  appendAudit(entry: AuditInput): Promise<AuditEntry> {
    let pending: Omit<PendingAudit, 'resolve' | 'reject'>;
    try {
      pending = auditRow(validateAudit(entry, this.providers));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AuditEntry>((resolve, reject) => {
      this.#pendingAudits.push({ ...pending, resolve, reject });
      this.#kickAudits();
    });
  }

  #kickAudits(): void {
    if (this.#auditFlush) return;
    // At least the rest of this turn of the event loop: PGlite runs each statement on this thread,
    // so without the pause every request's row would go alone. A full batch goes without waiting.
    const wait =
      this.#pendingAudits.length >= MAX_AUDIT_BATCH
        ? 0
        : Math.max(0, this.#lastAuditFlushAt + AUDIT_FLUSH_SPACING_MS - performance.now());
    this.#auditFlush = new Promise<void>((resolve) => {
      if (wait <= 0) return void setImmediate(resolve);
      const timer = setTimeout(resolve, wait);
      this.#auditFlushNow = () => {
        clearTimeout(timer);
        resolve();
      };
    })
      .then(() => {
        this.#auditFlushNow = undefined;
        return this.#flushAudits();
      })
      .finally(() => {
        this.#auditFlush = undefined;
        // A row appended after the loop's last check but before this point is written now.
        if (this.#pendingAudits.length) this.#kickAudits();
      });
  }

  async #flushAudits(): Promise<void> {
    this.#lastAuditFlushAt = performance.now();
    let retryMs: number = AUDIT_RETRY_MS[0];
    while (this.#pendingAudits.length) {
      const batch = this.#pendingAudits.splice(0, MAX_AUDIT_BATCH);
      try {
        const rows = await this.#insertAudits(batch);
        batch.forEach((p, i) => {
          p.resolve(committed(p.entry, rows[i] as InsertedAudit));
        });
        retryMs = AUDIT_RETRY_MS[0];
      } catch (error) {
        if (this.#db.unreachable(error) && !this.#closing) {
          // The database is away (restarting, a network cut): the rows wait, with their append time
          // (params[0]), and are written when it is back; past MAX_WAITING_AUDITS the oldest are given up.
          this.#pendingAudits.unshift(...batch);
          const over = this.#pendingAudits.length - MAX_WAITING_AUDITS;
          if (over > 0) for (const p of this.#pendingAudits.splice(0, over)) p.reject(error);
          await new Promise((resolve) => setTimeout(resolve, retryMs));
          retryMs = Math.min(AUDIT_RETRY_MS[1], retryMs * 2);
        } else if (batch.length === 1) batch[0]!.reject(error);
        // One bad row must not fail the others: write them one by one to find it.
        else
          for (const p of batch)
            await this.#insertAudits([p]).then((r) => p.resolve(committed(p.entry, r[0] as InsertedAudit)), p.reject);
      }
    }
  }

  /**
   * One INSERT for all `rows`, given as one JSON array parameter (8 parameters a row cost PGlite
   * more to bind than the JSON costs to parse); the rows come back in the array's order. Only the id
   * and the time come back: the rest is what was appended (returning every column cost PGlite ~3×
   * the insert itself).
   */
  #insertAudits(rows: readonly PendingAudit[]): Promise<InsertedAudit[]> {
    const json = JSON.stringify(rows.map((r) => r.params));
    return this.#db.query<InsertedAudit>(
      `INSERT INTO audit_log (at, direction, provider, operation, ids, result_code, result_status, latency_ms)
       SELECT COALESCE((r->>0)::timestamptz, now()), r->>1, r->>2, r->>3, r->4, r->>5, r->>6, (r->>7)::float8
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(r, n) ORDER BY n
       RETURNING id::float8 AS id, at`,
      [json],
    );
  }

  async listAudit(options?: ListAuditOptions): Promise<AuditEntry[]> {
    const { limit, provider } = validateListAudit(options, this.providers);
    const rows = await this.#db.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log
       WHERE $1::text IS NULL OR provider = $1::text
       ORDER BY at DESC, id DESC LIMIT $2`,
      [provider, limit],
    );
    return rows.map(toAudit);
  }

  async close(): Promise<void> {
    // Rows already appended are written before the connection goes, without waiting for the
    // spacing; rows waiting for an unreachable database get one more attempt, not an endless wait.
    this.#closing = true;
    while (this.#auditFlush) {
      this.#auditFlushNow?.();
      await this.#auditFlush;
    }
    return this.#db.close();
  }

  // The description is already masked; nothing else of the connection is shown.
  toJSON(): { kind: StoreKind; description: string } {
    return { kind: this.kind, description: this.description };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `[Store ${this.kind}: ${this.description}]`;
  }
}

function toOrder(row: OrderRow): StoredOrder {
  const order: StoredOrder = {
    requestOrderId: row.request_order_id,
    posOrderId: row.pos_order_id,
    orderStatus: row.order_status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.extend_info !== null) order.extendInfo = row.extend_info;
  return order;
}

interface InsertedAudit {
  id: number;
  at: Date;
}

/** A validated entry, copied, and its INSERT parameters. */
function auditRow(e: AuditInput): { entry: AuditEntry; params: unknown[] } {
  const ids = { ...e.ids };
  const entry: AuditEntry = {
    id: 0,
    direction: e.direction,
    provider: e.provider,
    operation: e.operation,
    ids,
    latencyMs: e.latencyMs,
    at: e.at ?? new Date(0),
  };
  if (e.resultCode !== undefined) entry.resultCode = e.resultCode;
  if (e.resultStatus !== undefined) entry.resultStatus = e.resultStatus;
  // Stamped when appended, not when the batch is written (up to AUDIT_FLUSH_SPACING_MS later, or
  // after an outage).
  const params = [
    (e.at ?? new Date()).toISOString(),
    e.direction,
    e.provider,
    e.operation,
    ids,
    e.resultCode ?? null,
    e.resultStatus ?? null,
    e.latencyMs,
  ];
  return { entry, params };
}

function committed(entry: AuditEntry, row: InsertedAudit): AuditEntry {
  return { ...entry, id: Number(row.id), at: row.at };
}

function toAudit(row: AuditRow): AuditEntry {
  const entry: AuditEntry = {
    id: Number(row.id),
    direction: row.direction as AuditDirection,
    provider: row.provider as AuditProvider,
    operation: row.operation,
    ids: row.ids,
    latencyMs: Number(row.latency_ms),
    at: row.at,
  };
  if (row.result_code !== null) entry.resultCode = row.result_code;
  if (row.result_status !== null) entry.resultStatus = row.result_status;
  return entry;
}
