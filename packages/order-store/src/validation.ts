/**
 * Input checks before anything reaches SQL. The order rules (lengths, status values, the
 * serialized size of extendInfo) are read from the D-Store spec, so they move with it.
 */
import { spec } from '@orderkit/dstore';
import { StoreValidationError } from './errors.js';
import {
  AUDIT_DIRECTIONS,
  AUDIT_PROVIDERS,
  type AuditInput,
  type ListAuditOptions,
  type ListOptions,
  type OrderInput,
  type OrderStatus,
} from './store.js';

interface StringSchema {
  minLength?: number;
  maxLength?: number;
  enum?: readonly string[];
}

const schemas = spec.components.schemas as unknown as Record<
  string,
  StringSchema & { 'x-maxSerializedLength'?: number }
>;

function stringRule(name: string): { min: number; max: number } {
  const schema = schemas[name];
  return { min: schema?.minLength ?? 1, max: schema?.maxLength ?? 255 };
}

export const ORDER_RULES = {
  requestOrderId: stringRule('RequestOrderId'),
  posOrderId: stringRule('PosOrderId'),
  orderStatus: (schemas.OrderStatus?.enum ?? []) as readonly OrderStatus[],
  extendInfoMaxLength: schemas.ExtendInfo?.['x-maxSerializedLength'] ?? 2048,
};

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
  orderStatus: OrderStatus;
  /** JSON text exactly as it will be stored and measured, or null. */
  extendInfoJson: string | null;
}

export function validateOrder(input: OrderInput): ValidOrder {
  if (typeof input !== 'object' || input === null)
    throw new StoreValidationError('order', 'an object', `got ${typeOf(input)}`);
  const { requestOrderId: r, posOrderId: p } = ORDER_RULES;
  const requestOrderId = checkString('requestOrderId', input.requestOrderId, r.min, r.max);
  const posOrderId = checkString('posOrderId', input.posOrderId, p.min, p.max);
  const orderStatus = input.orderStatus;
  if (!ORDER_RULES.orderStatus.includes(orderStatus)) {
    throw new StoreValidationError(
      'orderStatus',
      `one of ${ORDER_RULES.orderStatus.join(', ')}`,
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
    const max = ORDER_RULES.extendInfoMaxLength;
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

export function validateRequestOrderId(value: string): string {
  const { min, max } = ORDER_RULES.requestOrderId;
  return checkString('requestOrderId', value, min, max);
}

export function validateAudit(input: AuditInput): AuditInput {
  if (typeof input !== 'object' || input === null)
    throw new StoreValidationError('audit', 'an object', `got ${typeOf(input)}`);
  if (!AUDIT_DIRECTIONS.includes(input.direction)) {
    throw new StoreValidationError(
      'direction',
      `one of ${AUDIT_DIRECTIONS.join(', ')}`,
      `got ${JSON.stringify(input.direction) ?? typeOf(input.direction)}`,
    );
  }
  validateProvider(input.provider);
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

function validateProvider(provider: unknown): void {
  if (!(AUDIT_PROVIDERS as readonly unknown[]).includes(provider)) {
    throw new StoreValidationError(
      'provider',
      `one of ${AUDIT_PROVIDERS.join(', ')}`,
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

export function validateListAudit(options: ListAuditOptions | undefined): { limit: number; provider: string | null } {
  const limit = validateLimit(options);
  if (options?.provider !== undefined) validateProvider(options.provider);
  return { limit, provider: options?.provider ?? null };
}
