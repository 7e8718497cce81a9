/** What the app sees of its database, whichever engine is behind it. */
import type { components } from '@orderkit/dstore';
import type { TokenStore } from '@orderkit/wechat';

export type OrderStatus = components['schemas']['OrderStatus'];
export type ExtendInfo = components['schemas']['ExtendInfo'];

export type StoreKind = 'pglite' | 'postgres';

export interface OpenStoreOptions {
  /** PostgreSQL connection URL; when set the store uses PostgreSQL, else embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded store (PGlite only). Default `.data/order-desk`. */
  dataDir?: string | undefined;
  /** How the lock file names this process to a second opener (PGlite only). Default `order-desk`. */
  holderName?: string | undefined;
  /** Connections in the PostgreSQL pool. Default 10. */
  maxConnections?: number | undefined;
}

/** An order as the POS side answers D-Store's inquiry about it. */
export interface OrderInput {
  requestOrderId: string;
  posOrderId: string;
  orderStatus: OrderStatus;
  extendInfo?: ExtendInfo | undefined;
}

export interface StoredOrder {
  requestOrderId: string;
  posOrderId: string;
  orderStatus: OrderStatus;
  extendInfo?: ExtendInfo;
  createdAt: Date;
  updatedAt: Date;
}

export type AuditDirection = 'received' | 'made';
export type AuditProvider = 'dstore' | 'wechat' | 'ovopark';

export const AUDIT_DIRECTIONS: readonly AuditDirection[] = ['received', 'made'];
export const AUDIT_PROVIDERS: readonly AuditProvider[] = ['dstore', 'wechat', 'ovopark'];

/**
 * One inquiry received or made. Only identifiers go in `ids` (order ids, AppIDs, request ids):
 * never a token, key, password or signature — the store refuses keys that look like one.
 */
export interface AuditInput {
  direction: AuditDirection;
  provider: AuditProvider;
  /** e.g. `inquireOrderDetail`, `cgi-bin/token`. */
  operation: string;
  ids: Record<string, string>;
  resultCode?: string | undefined;
  resultStatus?: string | undefined;
  latencyMs: number;
  /** When it happened; default: the database's clock at insert. */
  at?: Date | undefined;
}

export interface AuditEntry {
  id: number;
  direction: AuditDirection;
  provider: AuditProvider;
  operation: string;
  ids: Record<string, string>;
  resultCode?: string;
  resultStatus?: string;
  latencyMs: number;
  at: Date;
}

export interface ListOptions {
  /** 1..1000, default 100. */
  limit?: number | undefined;
}

export interface ListAuditOptions extends ListOptions {
  provider?: AuditProvider | undefined;
}

export interface Store {
  readonly kind: StoreKind;
  /** Where the data lives, safe to print: a PostgreSQL password is masked. */
  readonly description: string;
  /** The schema version after the migrations run at open. */
  readonly schemaVersion: number;
  /** The WeChat access token, shared by every process on this database. */
  readonly tokens: TokenStore;

  /** Inserts or replaces the order; resolves once the write is committed (see README, Durability). */
  upsertOrder(input: OrderInput): Promise<StoredOrder>;
  getOrder(requestOrderId: string): Promise<StoredOrder | null>;
  /** Most recently updated first. */
  listOrders(options?: ListOptions): Promise<StoredOrder[]>;

  appendAudit(entry: AuditInput): Promise<AuditEntry>;
  /** Newest first. */
  listAudit(options?: ListAuditOptions): Promise<AuditEntry[]>;

  /** Releases connections and, for PGlite, the lock on the data directory. Idempotent. */
  close(): Promise<void>;
}
