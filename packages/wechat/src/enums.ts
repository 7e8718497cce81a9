/**
 * Names and meanings of the spec's enums, read from the bundled spec at runtime (`x-enum-varnames`,
 * `x-enumDescriptions`), so that a change in specs/wechat reaches callers without a hand-kept table.
 */
import type { CodeEntry } from '@orderkit/core';
import { codes } from './generated/codes.js';
import spec from './generated/spec.js';

export interface EnumEntry {
  /** The spec's `x-enum-varnames` entry, e.g. `PAID`; absent when the spec names none. */
  readonly name?: string;
  /** The spec's `x-enumDescriptions` entry, e.g. `Paid.`; absent when the spec describes none. */
  readonly meaning?: string;
}

interface EnumSchema {
  enum?: unknown[];
  'x-enum-varnames'?: unknown[];
  'x-enumDescriptions'?: Record<string, unknown>;
}

function readEnum(schemaName: string): ReadonlyMap<number, EnumEntry> {
  const schemas = (spec as { components?: { schemas?: Record<string, EnumSchema> } }).components?.schemas;
  const schema = schemas?.[schemaName];
  const entries = new Map<number, EnumEntry>();
  if (!schema?.enum) return entries;
  schema.enum.forEach((value, i) => {
    if (typeof value !== 'number') return;
    const name = schema['x-enum-varnames']?.[i];
    const meaning = schema['x-enumDescriptions']?.[String(value)];
    entries.set(value, {
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof meaning === 'string' ? { meaning } : {}),
    });
  });
  return entries;
}

const orderStatus = readEnum('OrderStatus');
const invoiceStatus = readEnum('InvoiceStatus');
// Error codes come from the generated code table (KnownErrCode's x-orderkit-codes): WeChat's
// errcode set is open, and only the known codes have names.
const errCode: Readonly<Record<string, CodeEntry>> = codes;

/** The spec's name of an order status (`2` → `PAID`), or `undefined` for a value it does not define. */
export const orderStatusName = (status: number): string | undefined => orderStatus.get(status)?.name;
/** The spec's description of an order status (`2` → `Paid.`), or `undefined` for a value it does not define. */
export const orderStatusMeaning = (status: number): string | undefined => orderStatus.get(status)?.meaning;
/** The spec's name of an invoice status (`3` → `BILLING_CANCELLED`), or `undefined`. */
export const invoiceStatusName = (status: number): string | undefined => invoiceStatus.get(status)?.name;
/** The spec's description of an invoice status (`3` → `Billing cancelled.`), or `undefined`. */
export const invoiceStatusMeaning = (status: number): string | undefined => invoiceStatus.get(status)?.meaning;
/** The spec's name of an errcode (`45009` → `DAILY_QUOTA_REACHED`), or `undefined` for a code it does not know. */
export const errCodeName = (errcode: number): string | undefined =>
  Object.hasOwn(errCode, String(errcode)) ? errCode[String(errcode)]?.name : undefined;
/** The spec's description of an errcode (`42001` → `access_token expired.`), or `undefined` for a code it does not know. */
export const errCodeMeaning = (errcode: number): string | undefined =>
  Object.hasOwn(errCode, String(errcode)) ? errCode[String(errcode)]?.meaning : undefined;
