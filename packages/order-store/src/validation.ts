/**
 * Input checks before anything reaches SQL. The order rules (lengths, status values, the serialized
 * size of extendInfo) come from the caller (`openStore({ orderRules })`, read from the contract by
 * its provider package); the store's own limits below hold with or without them, so nothing the
 * tables would refuse reaches SQL.
 */
import { StoreValidationError } from './errors.js';
import {
  AUDIT_DIRECTIONS,
  type AuditInput,
  type ListAuditOptions,
  type ListOptions,
  type OrderInput,
  type OrderRules,
} from './store.js';

/** The store's own limits: the tables' CHECKs, and a bound on extendInfo. */
export const STORE_LIMITS = {
  idLength: { min: 1, max: 255 },
  statusLength: { min: 1, max: 255 },
  extendInfoMaxLength: 65_536,
} as const;

/** What the store checks orders against without order rules: its own limits, any status string. */
export const FALLBACK_ORDER_RULES: OrderRules = {
  requestOrderId: STORE_LIMITS.idLength,
  posOrderId: STORE_LIMITS.idLength,
  orderStatus: [],
  extendInfoMaxLength: STORE_LIMITS.extendInfoMaxLength,
};

/** Checks the options `openStore` received: the provider list and the order rules. */
export function checkStoreOptions(
  providers: unknown,
  orderRules: OrderRules | undefined,
): { providers: readonly string[]; orderRules: OrderRules } {
  if (
    !Array.isArray(providers) ||
    providers.length === 0 ||
    providers.some((p) => typeof p !== 'string' || !/^[a-z][a-z0-9-]{0,63}$/.test(p))
  ) {
    throw new StoreValidationError(
      'providers',
      'a non-empty list of provider ids (lower-case letters, digits and "-", e.g. the names of specs/<id>/)',
      `got ${JSON.stringify(providers) ?? typeOf(providers)}`,
    );
  }
  if (orderRules === undefined) return { providers: Object.freeze([...providers]), orderRules: FALLBACK_ORDER_RULES };
  const within = (field: string, rule: unknown, limit: { min: number; max: number }) => {
    const r = rule as { min?: unknown; max?: unknown } | undefined;
    if (
      !Number.isInteger(r?.min) ||
      !Number.isInteger(r?.max) ||
      (r?.min as number) < limit.min ||
      (r?.max as number) > limit.max ||
      (r?.min as number) > (r?.max as number)
    )
      throw new StoreValidationError(
        `orderRules.${field}`,
        `{ min, max } integers within ${limit.min}..${limit.max}`,
        `got ${JSON.stringify(rule)}`,
      );
  };
  within('requestOrderId', orderRules.requestOrderId, STORE_LIMITS.idLength);
  within('posOrderId', orderRules.posOrderId, STORE_LIMITS.idLength);
  const statuses: unknown = orderRules.orderStatus;
  if (
    !Array.isArray(statuses) ||
    statuses.length === 0 ||
    statuses.some((v) => typeof v !== 'string' || v.length < 1 || v.length > STORE_LIMITS.statusLength.max)
  )
    throw new StoreValidationError('orderRules.orderStatus', 'a non-empty list of status strings of 1..255 characters');
  const max = orderRules.extendInfoMaxLength;
  if (!Number.isInteger(max) || max < 2 || max > STORE_LIMITS.extendInfoMaxLength)
    throw new StoreValidationError(
      'orderRules.extendInfoMaxLength',
      `an integer 2..${STORE_LIMITS.extendInfoMaxLength}`,
      `got ${String(max)}`,
    );
  return { providers: Object.freeze([...providers]), orderRules };
}

/** Key names in audit ids that suggest a credential; the audit log must never hold one. */
const SECRET_KEY = /secret|token|passw(or)?d|key|credential|authori[sz]ation|signature|cookie/i;
const SHORT_TEXT_MAX = 255;
const MAX_IDS = 32;
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

function checkString(field: string, value: unknown, min: number, max: number): string {
  if (typeof value !== 'string')
    throw new StoreValidationError(field, `a string of ${min}..${max} characters`, `got ${typeOf(value)}`);
  const length = [...value].length;
  if (length < min || length > max) throw new StoreValidationError(field, `length ${min}..${max}`, `got ${length}`);
  return value;
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

export interface ValidOrder {
  requestOrderId: string;
  posOrderId: string;
  orderStatus: string;
  /** JSON text exactly as it will be stored and measured, or null. */
  extendInfoJson: string | null;
}

export function validateOrder(input: OrderInput, rules: OrderRules): ValidOrder {
  if (typeof input !== 'object' || input === null)
    throw new StoreValidationError('order', 'an object', `got ${typeOf(input)}`);
  const { requestOrderId: r, posOrderId: p } = rules;
  const requestOrderId = checkString('requestOrderId', input.requestOrderId, r.min, r.max);
  const posOrderId = checkString('posOrderId', input.posOrderId, p.min, p.max);
  const orderStatus = input.orderStatus;
  if (rules.orderStatus.length === 0) {
    const { min, max } = STORE_LIMITS.statusLength;
    checkString('orderStatus', orderStatus, min, max);
  } else if (!rules.orderStatus.includes(orderStatus)) {
    throw new StoreValidationError(
      'orderStatus',
      `one of ${rules.orderStatus.join(', ')}`,
      `got ${JSON.stringify(orderStatus) ?? typeOf(orderStatus)}`,
    );
  }
  let extendInfoJson: string | null = null;
  if (input.extendInfo !== undefined) {
    const value: unknown = input.extendInfo;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new StoreValidationError('extendInfo', 'a JSON object', `got ${typeOf(value)}`);
    }
    try {
      extendInfoJson = JSON.stringify(value);
    } catch (error) {
      throw new StoreValidationError('extendInfo', 'serializable as JSON', (error as Error).message);
    }
    const max = rules.extendInfoMaxLength;
    if (extendInfoJson.length > max) {
      throw new StoreValidationError(
        'extendInfo',
        `at most ${max} characters serialized as JSON`,
        `got ${extendInfoJson.length}`,
      );
    }
  }
  return { requestOrderId, posOrderId, orderStatus, extendInfoJson };
}

export function validateRequestOrderId(value: string, rules: OrderRules): string {
  const { min, max } = rules.requestOrderId;
  return checkString('requestOrderId', value, min, max);
}

export function validateAudit(input: AuditInput, providers: readonly string[]): AuditInput {
  if (typeof input !== 'object' || input === null)
    throw new StoreValidationError('audit', 'an object', `got ${typeOf(input)}`);
  if (!AUDIT_DIRECTIONS.includes(input.direction)) {
    throw new StoreValidationError(
      'direction',
      `one of ${AUDIT_DIRECTIONS.join(', ')}`,
      `got ${JSON.stringify(input.direction) ?? typeOf(input.direction)}`,
    );
  }
  validateProvider(input.provider, providers);
  checkString('operation', input.operation, 1, SHORT_TEXT_MAX);
  const ids: unknown = input.ids;
  if (typeof ids !== 'object' || ids === null || Array.isArray(ids))
    throw new StoreValidationError('ids', 'an object of string values', `got ${typeOf(ids)}`);
  const entries = Object.entries(ids);
  if (entries.length > MAX_IDS)
    throw new StoreValidationError('ids', `at most ${MAX_IDS} entries`, `got ${entries.length}`);
  for (const [key, value] of entries) {
    if (SECRET_KEY.test(key)) {
      throw new StoreValidationError(
        `ids.${key}`,
        'an identifier, never a secret (no keys named like secret, token, password or key)',
      );
    }
    checkString(`ids.${key}`, key, 1, 64);
    checkString(`ids.${key}`, value, 0, SHORT_TEXT_MAX);
  }
  if (input.resultCode !== undefined) checkString('resultCode', input.resultCode, 1, SHORT_TEXT_MAX);
  if (input.resultStatus !== undefined) checkString('resultStatus', input.resultStatus, 1, SHORT_TEXT_MAX);
  if (typeof input.latencyMs !== 'number' || !Number.isFinite(input.latencyMs) || input.latencyMs < 0) {
    throw new StoreValidationError('latencyMs', 'a finite number ≥ 0', `got ${String(input.latencyMs)}`);
  }
  if (input.at !== undefined && (!(input.at instanceof Date) || Number.isNaN(input.at.getTime()))) {
    throw new StoreValidationError('at', 'a valid Date');
  }
  return input;
}

function validateProvider(provider: unknown, providers: readonly string[]): void {
  if (!(providers as readonly unknown[]).includes(provider)) {
    throw new StoreValidationError(
      'provider',
      `one of the registered providers: ${providers.join(', ')}`,
      `got ${JSON.stringify(provider) ?? typeOf(provider)}`,
    );
  }
}

export function validateLimit(options: ListOptions | undefined): number {
  const limit = options?.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new StoreValidationError('limit', `an integer 1..${MAX_LIMIT}`, `got ${String(limit)}`);
  }
  return limit;
}

export function validateListAudit(
  options: ListAuditOptions | undefined,
  providers: readonly string[],
): { limit: number; provider: string | null } {
  const limit = validateLimit(options);
  if (options?.provider !== undefined) validateProvider(options.provider, providers);
  return { limit, provider: options?.provider ?? null };
}
