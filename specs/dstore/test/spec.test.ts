import { describe, it } from 'vitest';
import { OpenApiValidator } from '@orderkit/openapi-ajv';
import { describeEveryExample, expectInvalid, expectValid, loadBundle } from '@orderkit/openapi-ajv/testing';

const doc = loadBundle(new URL('../', import.meta.url));
const v = new OpenApiValidator(doc);
const request = v.requestBodyPointer('/v2/pos/inquireOrderDetail', 'post');
const response = v.responseBodyPointer('/v2/pos/inquireOrderDetail', 'post');
const success = {
  posOrderId: '2023063000010002',
  orderStatus: 'ACCEPTED',
  result: { resultCode: 'SUCCESS', resultMessage: 'success', resultStatus: 'S' },
};

describeEveryExample(doc, 12);

describe('inquireOrderDetail request', () => {
  it('accepts a requestOrderId of exactly 255 characters', () => {
    expectValid(v, request, { requestOrderId: 'x'.repeat(255) });
  });
  it('rejects a 256-character requestOrderId', () => {
    expectInvalid(v, request, { requestOrderId: 'x'.repeat(256) }, '/requestOrderId');
  });
  it('rejects an empty or missing requestOrderId', () => {
    expectInvalid(v, request, { requestOrderId: '' }, '/requestOrderId');
    expectInvalid(v, request, {}, '');
  });
  it('rejects a non-string requestOrderId', () => {
    expectInvalid(v, request, { requestOrderId: 12345 }, '/requestOrderId');
  });
});

describe('inquireOrderDetail response', () => {
  it('rejects an unknown orderStatus', () => {
    expectInvalid(v, response, { ...success, orderStatus: 'SHIPPED' }, '/orderStatus');
  });
  it('rejects a success without posOrderId', () => {
    const { posOrderId: _omit, ...rest } = success;
    expectInvalid(v, response, rest, '');
  });
  it('rejects a resultCode paired with the wrong resultStatus', () => {
    expectInvalid(v, response, { result: { resultCode: 'SUCCESS', resultStatus: 'F' } }, '/result/resultStatus');
    expectInvalid(
      v,
      response,
      { result: { resultCode: 'UNKNOWN_EXCEPTION', resultStatus: 'F' } },
      '/result/resultCode',
    );
    expectInvalid(v, response, { result: { resultCode: 'PARAM_ILLEGAL', resultStatus: 'U' } }, '/result/resultStatus');
  });
  it('rejects an unknown resultCode', () => {
    expectInvalid(v, response, { result: { resultCode: 'NOT_FOUND', resultStatus: 'F' } }, '/result/resultCode');
  });
  it('rejects undeclared properties in what the POS provider sends', () => {
    expectInvalid(v, response, { ...success, debug: 'stack trace' }, '');
  });
  it('rejects a 256-character posOrderId', () => {
    expectInvalid(v, response, { ...success, posOrderId: '9'.repeat(256) }, '/posOrderId');
  });
});

describe('message headers', () => {
  const signature = '#/components/schemas/SignatureHeader';
  const time = '#/components/schemas/MessageTime';
  it('accepts the documented Signature and Request-Time forms', () => {
    expectValid(v, signature, 'algorithm=RSA256,keyVersion=1,signature=abc%2Bdef%3D%3D');
    expectValid(v, time, '2023-08-28T22:16:07+08:00');
  });
  it('rejects another algorithm and a time without offset', () => {
    expectInvalid(v, signature, 'algorithm=RSA,keyVersion=1,signature=abc', '');
    expectInvalid(v, time, '2023-08-28T22:16:07', '');
  });
});

describe('what the endpoint accepts vs what it sends', () => {
  const accepted = '#/components/schemas/AcceptedSignatureHeader';
  const sent = '#/components/schemas/SignatureHeader';
  const acceptedTime = '#/components/schemas/AcceptedMessageTime';
  const sentTime = '#/components/schemas/MessageTime';
  it('accepts the API overview\'s sample header "algorithm=RSA256, keyVersion=0, signature=****", which is not the form we send', () => {
    expectValid(v, accepted, 'algorithm=RSA256, keyVersion=0, signature=****');
    expectInvalid(v, sent, 'algorithm=RSA256, keyVersion=0, signature=****', '');
  });
  it('accepts a header without keyVersion and with a lower-case algorithm', () => {
    expectValid(v, accepted, 'algorithm=RSA256,signature=abc%3D');
    expectValid(v, accepted, 'algorithm=rsa256,keyVersion=1,signature=abc%3D');
  });
  it('accepts Request-Time as epoch milliseconds or ISO 8601 (offset or Z); sends ISO 8601 only', () => {
    expectValid(v, acceptedTime, '1693232167000');
    expectValid(v, acceptedTime, '2023-08-28T14:16:07Z');
    expectValid(v, acceptedTime, '2023-08-28T22:16:07+08:00');
    expectInvalid(v, acceptedTime, 'yesterday', '');
    expectInvalid(v, sentTime, '1693232167000', '');
  });
});
