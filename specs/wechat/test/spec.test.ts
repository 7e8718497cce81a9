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
  it('rejects an undocumented errcode and an error without errmsg', () => {
    expectInvalid(v, getOrder, { errcode: 12345, errmsg: 'x' }, '/errcode');
    expectInvalid(v, getOrder, { errcode: 42001 }, '');
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
  it('rejects unknown fields in the stable_token request', () => {
    const body = v.requestBodyPointer('/cgi-bin/stable_token', 'post');
    expectInvalid(v, body, { grant_type: 'client_credential', appid: 'a', secret: 's', extra: 1 }, '');
  });
});
