export { openStore } from './open.js';
export {
  AUDIT_DIRECTIONS,
  type AuditDirection,
  type AuditEntry,
  type AuditInput,
  type AuditProvider,
  type ExtendInfo,
  type ListAuditOptions,
  type ListOptions,
  type OpenStoreOptions,
  type OrderInput,
  type OrderRules,
  type OrderStatus,
  type Store,
  type StoredOrder,
  type StoreKind,
} from './store.js';
export { StoreError, StoreLockedError, StoreMigrationError, StoreValidationError } from './errors.js';
export { DatabaseTokenStore } from './token-store.js';
export { LATEST_VERSION, migrations, type Migration } from './migrations.js';
export { DEFAULT_DATA_DIR } from './pglite.js';
export { maskDatabaseUrl } from './postgres.js';
export { FALLBACK_ORDER_RULES, STORE_LIMITS } from './validation.js';
