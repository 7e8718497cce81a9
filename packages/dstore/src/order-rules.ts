/**
 * The rules an order must meet to be answered to D-Store, read from the spec so they move with it:
 * the lengths of `requestOrderId` and `posOrderId`, the `orderStatus` values and the serialized
 * size of `extendInfo` (`x-maxSerializedLength`). A store takes them as its `orderRules`.
 */
import type { components } from './generated/openapi.js';
import spec from './generated/spec.js';

export type OrderStatus = components['schemas']['OrderStatus'];

interface StringSchema {
  minLength?: number;
  maxLength?: number;
  enum?: readonly string[];
  'x-maxSerializedLength'?: number;
}

const schemas = spec.components.schemas as unknown as Record<string, StringSchema>;

function lengths(name: string): { min: number; max: number } {
  const schema = schemas[name];
  if (schema?.minLength === undefined || schema.maxLength === undefined)
    throw new Error(`specs/dstore: ${name} needs minLength and maxLength (the order rules read them)`);
  return { min: schema.minLength, max: schema.maxLength };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`specs/dstore: ${what} is missing (the order rules read it)`);
  return value;
}

export interface OrderRules<Status extends string = OrderStatus> {
  requestOrderId: { min: number; max: number };
  posOrderId: { min: number; max: number };
  orderStatus: readonly Status[];
  /** Longest `extendInfo`, in characters of its JSON text. */
  extendInfoMaxLength: number;
}

export const orderRules: OrderRules = Object.freeze({
  requestOrderId: lengths('RequestOrderId'),
  posOrderId: lengths('PosOrderId'),
  orderStatus: required(schemas.OrderStatus?.enum, 'OrderStatus.enum') as readonly OrderStatus[],
  extendInfoMaxLength: required(schemas.ExtendInfo?.['x-maxSerializedLength'], 'ExtendInfo.x-maxSerializedLength'),
});
