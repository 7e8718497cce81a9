/** What the app sees of its database, whichever engine is behind it. */
import type { TokenStore } from '@orderkit/core';

/** An order's status: one of `orderRules.orderStatus` when the store has order rules. */
export type OrderStatus = string;
export type ExtendInfo = { [key: string]: unknown };

/**
 * What an order must meet, from the contract that answers orders (e.g. `orderRules` of the
 * provider package whose endpoint reads the store). Within the store's own limits: ids of
 * 1..255 characters, statuses of 1..255 characters, `extendInfo` of at most 65536 characters.
 */
export interface OrderRules<Status extends string = string> {
  requestOrderId: { min: number; max: number };
  posOrderId: { min: number; max: number };
  orderStatus: readonly Status[];
  /** Longest `extendInfo`, in characters of its JSON text. */
  extendInfoMaxLength: number;
}

export type StoreKind = 'pglite' | 'postgres';

export interface OpenStoreOptions<Status extends string = string> {
  /**
   * The registered provider ids: an audit entry's `provider` must be one of them. Adding a
   * provider needs no migration.
   */
  providers: readonly string[];
  /** The order rules; without them the store checks only its own limits (any status string). */
  orderRules?: OrderRules<Status> | undefined;
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
export interface OrderInput<Status extends string = OrderStatus> {
  requestOrderId: string;
  posOrderId: string;
  orderStatus: Status;
  extendInfo?: ExtendInfo | undefined;
}

export interface StoredOrder<Status extends string = OrderStatus> {
  requestOrderId: string;
  posOrderId: string;
  orderStatus: Status;
  extendInfo?: ExtendInfo;
  createdAt: Date;
  updatedAt: Date;
}

export type AuditDirection = 'received' | 'made';
/** A registered provider id (one of `OpenStoreOptions.providers`). */
export type AuditProvider = string;

export const AUDIT_DIRECTIONS: readonly AuditDirection[] = ['received', 'made'];

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

export interface Store<Status extends string = OrderStatus> {
  readonly kind: StoreKind;
  /** Where the data lives, safe to print: a PostgreSQL password is masked. */
  readonly description: string;
  /** The schema version after the migrations run at open. */
  readonly schemaVersion: number;
  /** The provider ids audit entries may name, as given to `openStore`. */
  readonly providers: readonly string[];
  /** Providers' access tokens, shared by every process on this database. */
  readonly tokens: TokenStore;

  /** Inserts or replaces the order; resolves once the write is committed (see README, Durability). */
  upsertOrder(input: OrderInput<Status>): Promise<StoredOrder<Status>>;
  getOrder(requestOrderId: string): Promise<StoredOrder<Status> | null>;
  /** Most recently updated first. */
  listOrders(options?: ListOptions): Promise<Array<StoredOrder<Status>>>;

  appendAudit(entry: AuditInput): Promise<AuditEntry>;
  /** Newest first. */
  listAudit(options?: ListAuditOptions): Promise<AuditEntry[]>;

  /** Releases connections and, for PGlite, the lock on the data directory. Idempotent. */
  close(): Promise<void>;
}
