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
  const login = {
    ...system,
    _mt: 'open.shopweb.security.mobileLogin',
    userName: 'demo',
    password: 'e10adc3949ba59abbe56e057f20f883e',
  };
  it('takes userName and password (the SDK names); the password as MD5 or as typed, never empty', () => {
    expectValid(v, mobileLogin, login);
    expectValid(v, mobileLogin, { ...login, password: '123456' });
    expectInvalid(v, mobileLogin, { ...login, password: '' }, '/password');
  });
  it('rejects the old field name account, and a userName over 20 characters', () => {
    const { userName: _omit, ...noUser } = login;
    expectInvalid(v, mobileLogin, { ...noUser, account: 'demo' }, '');
    expectInvalid(v, mobileLogin, { ...login, userName: 'a'.repeat(21) }, '/userName');
  });
});

describe('system parameters', () => {
  it('takes an application id other than S107 (cloud.api AppIds such as DC-000392), but not an empty one', () => {
    expectValid(v, searchPos, { ...search, _aid: 'DC-000392' });
    expectInvalid(v, searchPos, { ...search, _aid: '' }, '/_aid');
  });
  it('takes a 32-hex developer key', () => {
    expectValid(v, searchPos, { ...search, _akey: '0123456789abcdef0123456789abcdef' });
  });
});

describe('response envelope', () => {
  const response = v.responseBodyPointer('/cloud.api#open.ovopark.pos.searchPos', 'post');
  const login = v.responseBodyPointer('/cloud.api#open.shopweb.security.mobileLogin', 'post');
  const page = { total: 0, content: [] };
  it('takes stat.code and stat.systime as numbers (as the SDKs read them) or as digit strings', () => {
    expectValid(v, response, { stat: { code: 0, systime: 1704081600000 }, data: page });
    expectValid(v, response, { stat: { code: '0', systime: '1704081600000' }, data: page });
    expectInvalid(v, response, { stat: { code: 'zero' } }, '/stat/code');
    expectInvalid(v, response, { stat: { code: 0, systime: 1.5 } }, '/stat/systime');
  });
  it('takes a code it does not list: the set is open (a failed call, not a broken answer)', () => {
    expectValid(v, response, { stat: { code: 1234567, codename: 'NEW_CODE' }, result: 'new', data: null });
    expectValid(v, response, { stat: { code: '-42' }, data: null });
  });
  it('describes every code it knows, the SDK-observed ones included', () => {
    const codes = (doc.components as { schemas: Record<string, Record<string, unknown>> }).schemas.StatCode!;
    expect(Object.keys(codes['x-enumDescriptions'] as object)).toEqual(
      expect.arrayContaining(['0', '7', '9990001', '103094', '103095']),
    );
  });
  it('keeps the login data open: token plus enterpriseId and whatever else comes', () => {
    expectValid(v, login, { stat: { code: 0 }, data: { token: 't', enterpriseId: 1689, userId: 7 } });
    expectInvalid(v, login, { stat: { code: 0 }, data: { enterpriseId: 1689 } }, '/data');
  });
});

describe('lenient reading of the inferred parts', () => {
  const response = v.responseBodyPointer('/cloud.api#open.ovopark.pos.searchPos', 'post');
  it('a ticket list under another name is a warning naming Inferred.yaml, not a failure', () => {
    const result = v.validateLenient(response, {
      stat: { code: 0 },
      data: { total: 1, records: [{ ticketId: 'T1' }] },
    });
    expect(result.valid).toBe(true);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ path: '/data', file: 'specs/ovopark/components/schemas/Inferred.yaml' }),
    );
  });
  it('a broken envelope still fails', () => {
    expect(v.validateLenient(response, { stat: { code: true }, data: null }).valid).toBe(false);
  });
});

describe('inferences are marked and kept in one place', () => {
  it('marks every inferred schema with x-orderkit-inferred', () => {
    const schemas = (doc.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
    const inferred = Object.entries(schemas)
      .filter(([, s]) => 'x-orderkit-inferred' in s)
      .map(([n]) => n);
    expect(inferred.sort()).toEqual(['PosTicket', 'PosTicketGoods', 'SearchPosData', 'SearchPosParams'].sort());
    for (const name of inferred) {
      expect(schemas[name]!['x-orderkit-inferred']).toMatchObject({
        file: 'specs/ovopark/components/schemas/Inferred.yaml',
      });
    }
  });
  it('cites public sources only, never a path outside the repository', () => {
    expect(JSON.stringify(doc)).not.toMatch(/\.\.\/shared|shared\/seeds|providers\.md/);
  });
});
