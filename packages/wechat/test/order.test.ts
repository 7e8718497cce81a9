import { describe, expect, it } from 'vitest';
import {
  centsToYuan,
  errCodeMeaning,
  invoiceStatusMeaning,
  invoiceStatusName,
  invoiceStatusValues,
  knownErrCodeValues,
  orderDates,
  orderStatusMeaning,
  orderStatusName,
  orderStatusValues,
  type SchemaOrder,
} from '../src/index.js';
import { PAID } from './support/fake-wechat.js';

describe('orderDates', () => {
  it('reads createTime/updateTime as milliseconds and every other timestamp as seconds', () => {
    const order: SchemaOrder = {
      ...PAID.order,
      createTime: 1_700_000_000_000,
      updateTime: 1_700_000_360_000,
      payInfo: { applyPayTime: 1_700_000_010, finishPayTime: 1_700_000_060 },
      orderProductInfo: { validityBeginTime: 1_700_000_060, validityEndTime: 1_731_536_060 },
      invoiceInfo: { invoiceApplyTime: 1_700_000_100, invoiceStatus: 1 },
    };
    expect(orderDates(order)).toEqual({
      createdAt: new Date('2023-11-14T22:13:20.000Z'),
      updatedAt: new Date('2023-11-14T22:19:20.000Z'),
      payAppliedAt: new Date('2023-11-14T22:13:30.000Z'),
      paidAt: new Date('2023-11-14T22:14:20.000Z'),
      validFrom: new Date('2023-11-14T22:14:20.000Z'),
      validUntil: new Date('2024-11-13T22:14:20.000Z'),
      invoiceAppliedAt: new Date('2023-11-14T22:15:00.000Z'),
    });
  });

  it('leaves out what an unpaid order without invoice does not have', () => {
    const { usage: _usage, ...unpaid } = PAID.order;
    const dates = orderDates({ ...unpaid, status: 1, payInfo: { applyPayTime: 1_700_000_010 } });
    expect(Object.keys(dates).sort()).toEqual(['createdAt', 'payAppliedAt', 'updatedAt', 'validFrom', 'validUntil']);
  });
});

describe('status names and meanings come from the spec', () => {
  it('names and describes order statuses', () => {
    expect(orderStatusName(2)).toBe('PAID');
    expect(orderStatusMeaning(2)).toBe('Paid.');
    expect(orderStatusName(9)).toBe('CANCELLED');
    expect(orderStatusMeaning(3)).toBe('Timed out (not paid in time).');
  });

  it('has a name and a meaning for every order and invoice status the spec defines, and none for 4 or 8', () => {
    for (const s of orderStatusValues) expect([orderStatusName(s), orderStatusMeaning(s)]).not.toContain(undefined);
    for (const s of invoiceStatusValues)
      expect([invoiceStatusName(s), invoiceStatusMeaning(s)]).not.toContain(undefined);
    expect(orderStatusName(4)).toBeUndefined();
    expect(orderStatusMeaning(8)).toBeUndefined();
  });

  it('keeps invoice statuses 1 and 2 apart although the page describes both as billed', () => {
    expect([invoiceStatusName(1), invoiceStatusName(2)]).toEqual(['BILLED', 'BILLED_2']);
    expect([invoiceStatusMeaning(1), invoiceStatusMeaning(2)]).toEqual(['Billed.', 'Billed.']);
    expect(invoiceStatusMeaning(4)).toBe('Billing (debit) failed.');
  });

  it('describes every documented errcode', () => {
    for (const code of knownErrCodeValues) expect(errCodeMeaning(code)).toBeTruthy();
    expect(errCodeMeaning(42001)).toBe('access_token expired.');
    expect(errCodeMeaning(12345)).toBeUndefined();
  });
});

describe('centsToYuan', () => {
  it('divides by 100 exactly, with two decimals', () => {
    expect(centsToYuan('9900')).toBe('99.00');
    expect(centsToYuan('5')).toBe('0.05');
    expect(centsToYuan('0')).toBe('0.00');
    expect(centsToYuan('-150')).toBe('-1.50');
    expect(centsToYuan('123456789012345678')).toBe('1234567890123456.78');
    expect(centsToYuan('9223372036854775807')).toBe('92233720368547758.07');
  });

  it('refuses what is not a 64-bit integer string', () => {
    for (const bad of ['99.5', '', '0099', '1e3', ' 1', '-0']) expect(() => centsToYuan(bad)).toThrow(RangeError);
  });
});
