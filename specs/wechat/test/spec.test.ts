import { describe, it } from 'vitest';
import { OpenApiValidator } from '@orderkit/openapi-ajv';
import { describeEveryExample, expectInvalid, expectValid, loadBundle } from '@orderkit/openapi-ajv/testing';

const doc = loadBundle(new URL('../', import.meta.url));
const v = new OpenApiValidator(doc);
const getOrder = v.responseBodyPointer('/wxa/charge/service-provider/order/get', 'get');
const order = {
  orderId: 'DD2981741311549200000',
  status: 2,
  createTime: 1700000000000,
  updateTime: 1700000360000,
  orderPrice: '9900',
  payInfo: { applyPayTime: 1700000010, finishPayTime: 1700000060 },
  orderProductInfo: { spSpuId: 'spu', spSkuId: 'sku', spBizId: 1, spuName: 'n', skuName: 'n', skuCnt: 1 },
};
const ok = (o: Record<string, unknown>) => ({ errcode: 0, errmsg: 'ok', order: { ...order, ...o } });

describeEveryExample(doc, 10);

describe('getOrder response', () => {
  it('accepts every documented status', () => {
    for (const status of [1, 2, 3, 5, 6, 7, 9]) expectValid(v, getOrder, ok({ status }));
  });
  it('rejects status 4 and 8, which the document does not define', () => {
    expectInvalid(v, getOrder, ok({ status: 4 }), '/order/status');
    expectInvalid(v, getOrder, ok({ status: 8 }), '/order/status');
  });
  it('keeps 64-bit values as digit strings', () => {
    expectValid(v, getOrder, ok({ orderPrice: '9223372036854775807' }));
    expectInvalid(v, getOrder, ok({ orderPrice: 9900 }), '/order/orderPrice');
    expectInvalid(v, getOrder, ok({ orderPrice: '99.00' }), '/order/orderPrice');
    expectInvalid(v, getOrder, ok({ usage: { used: 1, all: '2' } }), '/order/usage/used');
  });
  it('rejects a success without an order', () => {
    expectInvalid(v, getOrder, { errcode: 0, errmsg: 'ok' }, '');
  });
  it('accepts any errcode, known or not: the set is open', () => {
    expectValid(v, getOrder, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    expectValid(v, getOrder, { errcode: 40014, errmsg: 'invalid access_token' });
    expectValid(v, getOrder, { errcode: 99999, errmsg: 'a code nobody documented' });
    expectValid(v, getOrder, { errcode: -2, errmsg: 'x' });
  });
  it('rejects an error without errmsg, and an errcode that is not an integer', () => {
    expectInvalid(v, getOrder, { errcode: 42001 }, '');
    expectInvalid(v, getOrder, { errcode: '45009', errmsg: 'x' }, '');
    expectInvalid(v, getOrder, { errcode: 45009.5, errmsg: 'x' }, '');
  });
  it('describes the empty text/html body WeChat sends on some failures', () => {
    const empty = v.responseBodyPointer('/wxa/charge/service-provider/order/get', 'get', '200', 'text/html');
    expectValid(v, empty, '');
    expectInvalid(v, empty, '<html>', '');
  });
});

describe('access_token', () => {
  const token = v.responseBodyPointer('/cgi-bin/token', 'get');
  it('accepts a token and rejects expires_in over 7200 seconds', () => {
    expectValid(v, token, { access_token: 't', expires_in: 7200 });
    expectInvalid(v, token, { access_token: 't', expires_in: 7201 }, '/expires_in');
  });
  it('accepts a token longer than 512 characters (reserve at least 512) but not an empty one', () => {
    expectValid(v, token, { access_token: 'T'.repeat(600), expires_in: 7200 });
    expectInvalid(v, token, { access_token: '', expires_in: 7200 }, '/access_token');
  });
  it("accepts the token calls' own codes and unknown ones", () => {
    const stable = v.responseBodyPointer('/cgi-bin/stable_token', 'post');
    for (const errcode of [40164, 40243, 61004, 99999]) {
      expectValid(v, token, { errcode, errmsg: 'x' });
      expectValid(v, stable, { errcode, errmsg: 'x' });
    }
  });
  it('rejects unknown fields in the stable_token request', () => {
    const body = v.requestBodyPointer('/cgi-bin/stable_token', 'post');
    expectInvalid(v, body, { grant_type: 'client_credential', appid: 'a', secret: 's', extra: 1 }, '');
  });
});
