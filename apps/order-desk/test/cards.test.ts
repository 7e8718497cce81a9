import { describe, expect, it } from 'vitest';
import { WeChatApiError } from '@orderkit/wechat';
import { wechatErrorCard } from '../src/providers/wechat/cards.js';

describe('wechatErrorCard', () => {
  it("labels an errcode the spec does not know as an unknown code, with WeChat's errmsg (the set is open)", () => {
    const card = wechatErrorCard('DD1', new WeChatApiError(99999, 'made up rid: 1-2-3', 'getOrder'), 12, 'mock');
    expect(card.outcome).toBe('fail');
    expect(card.code).toEqual({ value: '99999', meaning: 'unknown code: made up rid: 1-2-3' });
    expect(card.raw).toEqual({ errcode: 99999, errmsg: 'made up rid: 1-2-3' });
  });

  it('gives a known common code its meaning from the spec', () => {
    const card = wechatErrorCard(
      'DD1',
      new WeChatApiError(45009, 'reach max api daily quota limit', 'getOrder'),
      12,
      'live',
    );
    expect(card.code).toEqual({ value: '45009', meaning: "The API's daily call quota is used up." });
  });
});

describe('outcome and audit code come from the typed error', () => {
  it('takes unknown from error.outcome, not from the class name', async () => {
    const { OrderkitError, OrderkitProviderError, OrderkitTimeoutError } = await import('@orderkit/core');
    const { resultCodeOf } = await import('../src/cards.js');
    const { ovoparkErrorCard } = await import('../src/providers/ovopark/cards.js');
    const { dstoreErrorCard } = await import('../src/providers/dstore/cards.js');
    // A name that the old regex would have read as "unknown", with a definite outcome.
    class TimeoutLookingFailure extends OrderkitError {}
    const definite = new TimeoutLookingFailure('no', {
      provider: 'ovopark',
      operation: 'searchPos',
      outcome: 'failed',
    });
    expect(ovoparkErrorCard(1, definite, 1, 'mock').outcome).toBe('fail');
    const slow = new OrderkitTimeoutError('slow', { provider: 'dstore', operation: 'inquireOrderDetail' });
    expect(dstoreErrorCard('http://x', 'id', slow, 1, 'mock').outcome).toBe('unknown');
    const gateway = new OrderkitProviderError('no', { provider: 'ovopark', operation: 'searchPos', code: '206004' });
    expect(ovoparkErrorCard(1, gateway, 1, 'mock')).toMatchObject({
      outcome: 'fail',
      code: { value: '206004', meaning: 'department (store) does not exist' },
    });
    expect(resultCodeOf(gateway)).toBe('206004');
    expect(resultCodeOf(slow)).toBe('OrderkitTimeoutError');
  });

  it('gives WeChat busy (-1) an unknown outcome, from the spec', () => {
    const card = wechatErrorCard('DD1', new WeChatApiError(-1, 'system error', 'getOrder'), 12, 'mock');
    expect(card.outcome).toBe('unknown');
  });
});
