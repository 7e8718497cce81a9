import { describe, expect, it } from 'vitest';
import { OpenApiValidator } from '@orderkit/openapi-ajv';
import { describeEveryExample, expectInvalid, expectValid, loadBundle } from '@orderkit/openapi-ajv/testing';

const doc = loadBundle(new URL('../', import.meta.url));
const v = new OpenApiValidator(doc);
const form = 'application/x-www-form-urlencoded';
const searchPos = v.requestBodyPointer('/cloud.api#open.ovopark.pos.searchPos', 'post', form);
const mobileLogin = v.requestBodyPointer('/cloud.api#open.shopweb.security.mobileLogin', 'post', form);
const system = {
  _aid: 'S107',
  _akey: 'demo_akey',
  _sm: 'md5',
  _requestMode: 'post',
  _version: 'v1',
  _timestamp: '20240101120000',
  _sig: '3F2504E04F8911D39A0C0305E82C3301',
};
const search = {
  ...system,
  _mt: 'open.ovopark.pos.searchPos',
  depId: 1001,
  startTime: '2024-01-01 11:00:00',
  endTime: '2024-01-01 12:00:00',
  pageNumber: 1,
  pageSize: 100,
};

describeEveryExample(doc, 8);

describe('searchPos form body', () => {
  it('accepts 100 per page and rejects 101 (code 208015)', () => {
    expectValid(v, searchPos, search);
    expectInvalid(v, searchPos, { ...search, pageSize: 101 }, '/pageSize');
  });
  it('rejects a date that is not yyyy-MM-dd HH:mm:ss (code 208006)', () => {
    expectInvalid(v, searchPos, { ...search, startTime: '2024-01-01T11:00:00' }, '/startTime');
  });
  it('rejects another method in _mt', () => {
    expectInvalid(v, searchPos, { ...search, _mt: 'open.shopweb.security.mobileLogin' }, '/_mt');
  });
  it('rejects a missing system parameter and an undeclared field', () => {
    const { _timestamp: _omit, ...noTimestamp } = search;
    expectInvalid(v, searchPos, noTimestamp, '');
    expectInvalid(v, searchPos, { ...search, orgid: '1' }, '');
  });
  it('accepts MD5 and SHA-1 signatures in uppercase hex only', () => {
    expectValid(v, searchPos, { ...search, _sm: 'sha1', _sig: 'A'.repeat(40) });
    expectInvalid(v, searchPos, { ...search, _sig: 'a'.repeat(32) }, '/_sig');
    expectInvalid(v, searchPos, { ...search, _sm: 'sha256' }, '/_sm');
  });
  it('validates form strings after coercion, as they arrive on the wire', () => {
    const wire = new OpenApiValidator(doc, { coerceTypes: true });
    const fields = Object.fromEntries(Object.entries(search).map(([k, val]) => [k, String(val)]));
    expectValid(wire, searchPos, fields);
    expectInvalid(wire, searchPos, { ...fields, pageSize: '101' }, '/pageSize');
  });
});

describe('mobileLogin form body', () => {
  const login = { ...system, _mt: 'open.shopweb.security.mobileLogin', account: 'demo', password: 'e10adc3949ba59abbe56e057f20f883e' };
  it('requires the password as lowercase 32-hex MD5', () => {
    expectValid(v, mobileLogin, login);
    expectInvalid(v, mobileLogin, { ...login, password: '123456' }, '/password');
    expectInvalid(v, mobileLogin, { ...login, password: login.password.toUpperCase() }, '/password');
  });
  it('rejects an account over 20 characters', () => {
    expectInvalid(v, mobileLogin, { ...login, account: 'a'.repeat(21) }, '/account');
  });
});

describe('inferences are marked and kept in one place', () => {
  it('marks every inferred schema with x-orderkit-inferred', () => {
    const schemas = (doc.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
    const inferred = Object.entries(schemas).filter(([, s]) => 'x-orderkit-inferred' in s).map(([n]) => n);
    expect(inferred.sort()).toEqual(
      ['MobileLoginData', 'MobileLoginParams', 'PosTicket', 'PosTicketGoods', 'SearchPosData', 'SearchPosParams'].sort(),
    );
  });
});
