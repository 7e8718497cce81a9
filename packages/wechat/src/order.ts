/**
 * Reading an Order: WeChat mixes units (createTime/updateTime in milliseconds, every other
 * timestamp in seconds) and carries 64-bit integers as strings, which these helpers keep exact.
 */
import type { SchemaInt64String, SchemaOrder } from './generated/openapi.js';

export interface OrderDates {
  /** `createTime` (milliseconds). */
  createdAt: Date;
  /** `updateTime` (milliseconds). */
  updatedAt: Date;
  /** `payInfo.applyPayTime` (seconds). */
  payAppliedAt: Date;
  /** `payInfo.finishPayTime` (seconds); absent unless paid. */
  paidAt?: Date;
  /** `orderProductInfo.validityBeginTime` (seconds); the spec does not require it. */
  validFrom?: Date;
  /** `orderProductInfo.validityEndTime` (seconds); the spec does not require it. */
  validUntil?: Date;
  /** `invoiceInfo.invoiceApplyTime` (seconds); absent unless an invoice was requested. */
  invoiceAppliedAt?: Date;
}

const fromMillis = (ms: number) => new Date(ms);
const fromSeconds = (s: number) => new Date(s * 1000);

/** Every timestamp of `order` as a `Date`, each converted from the unit the spec gives it. */
export function orderDates(order: SchemaOrder): OrderDates {
  const { payInfo, orderProductInfo: product, invoiceInfo } = order;
  return {
    createdAt: fromMillis(order.createTime),
    updatedAt: fromMillis(order.updateTime),
    payAppliedAt: fromSeconds(payInfo.applyPayTime),
    ...(payInfo.finishPayTime === undefined ? {} : { paidAt: fromSeconds(payInfo.finishPayTime) }),
    ...(product.validityBeginTime === undefined ? {} : { validFrom: fromSeconds(product.validityBeginTime) }),
    ...(product.validityEndTime === undefined ? {} : { validUntil: fromSeconds(product.validityEndTime) }),
    ...(invoiceInfo?.invoiceApplyTime === undefined
      ? {}
      : { invoiceAppliedAt: fromSeconds(invoiceInfo.invoiceApplyTime) }),
  };
}

const INT64 = /^(0|-?[1-9][0-9]{0,18})$/;

/** An amount in cents (a 64-bit integer string, e.g. `orderPrice`) as yuan with two decimals: `'9900'` → `'99.00'`. */
export function centsToYuan(cents: SchemaInt64String): string {
  if (!INT64.test(cents)) {
    throw new RangeError(
      `centsToYuan: ${JSON.stringify(cents)} is not a 64-bit integer string; pass e.g. order.orderPrice.`,
    );
  }
  const value = BigInt(cents);
  const magnitude = value < 0n ? -value : value;
  const fraction = (magnitude % 100n).toString().padStart(2, '0');
  return `${value < 0n ? '-' : ''}${magnitude / 100n}.${fraction}`;
}
