/** The Store on top of either engine: every statement here runs unchanged on PGlite and PostgreSQL. */
import type { TokenStore } from '@orderkit/wechat';
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
  OrderStatus,
  Store,
  StoreKind,
  StoredOrder,
} from './store.js';
import { DatabaseTokenStore } from './token-store.js';
import { validateAudit, validateLimit, validateListAudit, validateOrder, validateRequestOrderId } from './validation.js';

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
const AUDIT_COLUMNS = 'id::float8 AS id, at, direction, provider, operation, ids, result_code, result_status, latency_ms';

export class SqlStore implements Store {
  readonly kind: StoreKind;
  readonly description: string;
  readonly schemaVersion: number;
  readonly tokens: TokenStore;
  readonly #db: SqlDatabase;

  constructor(args: { kind: StoreKind; description: string; schemaVersion: number; db: SqlDatabase }) {
    this.kind = args.kind;
    this.description = args.description;
    this.schemaVersion = args.schemaVersion;
    this.#db = args.db;
    this.tokens = new DatabaseTokenStore(args.db);
  }

  async upsertOrder(input: OrderInput): Promise<StoredOrder> {
    const order = validateOrder(input);
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
    return toOrder(rows[0] as OrderRow);
  }

  async getOrder(requestOrderId: string): Promise<StoredOrder | null> {
    validateRequestOrderId(requestOrderId);
    const rows = await this.#db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM pos_orders WHERE request_order_id = $1`, [requestOrderId]);
    return rows[0] ? toOrder(rows[0]) : null;
  }

  async listOrders(options?: ListOptions): Promise<StoredOrder[]> {
    const limit = validateLimit(options);
    const rows = await this.#db.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM pos_orders ORDER BY revision DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toOrder);
  }

  async appendAudit(entry: AuditInput): Promise<AuditEntry> {
    const e = validateAudit(entry);
    const rows = await this.#db.query<AuditRow>(
      `INSERT INTO audit_log (at, direction, provider, operation, ids, result_code, result_status, latency_ms)
       VALUES (COALESCE($1::timestamptz, now()), $2, $3, $4, $5::jsonb, $6, $7, $8)
       RETURNING ${AUDIT_COLUMNS}`,
      [
        e.at?.toISOString() ?? null,
        e.direction,
        e.provider,
        e.operation,
        JSON.stringify(e.ids),
        e.resultCode ?? null,
        e.resultStatus ?? null,
        e.latencyMs,
      ],
    );
    return toAudit(rows[0] as AuditRow);
  }

  async listAudit(options?: ListAuditOptions): Promise<AuditEntry[]> {
    const { limit, provider } = validateListAudit(options);
    const rows = await this.#db.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log
       WHERE $1::text IS NULL OR provider = $1::text
       ORDER BY at DESC, id DESC LIMIT $2`,
      [provider, limit],
    );
    return rows.map(toAudit);
  }

  close(): Promise<void> {
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
    orderStatus: row.order_status as OrderStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.extend_info !== null) order.extendInfo = row.extend_info;
  return order;
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
