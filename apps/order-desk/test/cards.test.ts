import { describe, expect, it } from 'vitest';
import { WeChatApiError } from '@orderkit/wechat';
import { wechatErrorCard } from '../src/cards.js';

describe('wechatErrorCard', () => {
  it("labels an errcode the spec does not know as an unknown code, with WeChat's errmsg (the set is open)", () => {
    const card = wechatErrorCard('DD1', new WeChatApiError(99999, 'made up rid: 1-2-3', 'getOrder'), 12, 'mock');
    expect(card.outcome).toBe('fail');
    expect(card.code).toEqual({ value: '99999', meaning: 'unknown code: made up rid: 1-2-3' });
    expect(card.raw).toEqual({ errcode: 99999, errmsg: 'made up rid: 1-2-3' });
  });

  it('gives a known common code its meaning from the spec', () => {
    const card = wechatErrorCard('DD1', new WeChatApiError(45009, 'reach max api daily quota limit', 'getOrder'), 12, 'live');
    expect(card.code).toEqual({ value: '45009', meaning: "The API's daily call quota is used up." });
  });
});
