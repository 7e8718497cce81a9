import { afterEach, describe, expect, it } from 'vitest';
import { createOvoparkClient, type OvoparkClientOptions } from '../src/index.js';
import {
  CREDENTIALS,
  envelope,
  FIXED_NOW,
  MOBILE_LOGIN,
  page,
  PASSWORD_MD5,
  SEARCH_POS,
  startFakeGateway,
  ticket,
  type FakeGateway,
  type Handler,
} from './support/fake-gateway.js';

let gateway: FakeGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function setup(handler?: Handler, options: Partial<OvoparkClientOptions> = {}) {
  gateway = await startFakeGateway(options.secret ?? CREDENTIALS.secret, handler);
  const client = createOvoparkClient({ ...CREDENTIALS, baseUrl: gateway.url, now: () => FIXED_NOW, ...options });
  return { gateway, client };
}

const HOUR = { depId: 1001, startTime: '2024-01-01 11:00:00', endTime: '2024-01-01 12:00:00' };

describe('the wire request', () => {
  it('is POST /cloud.api with a form body, no fragment and no query', async () => {
    const { gateway: g, client } = await setup();
    await client.searchPos(HOUR);
    expect(g.requests).toHaveLength(2);
    for (const req of g.requests) {
      expect(req.method).toBe('POST');
      expect(req.url).toBe('/cloud.api');
      expect(req.contentType).toBe('application/x-www-form-urlencoded;charset=utf-8');
      expect(req.signatureValid).toBe(true);
    }
  });

  it('sends exactly the signed fields: system parameters, _mt from the operation, business parameters', async () => {
    const { gateway: g, client } = await setup();
    await client.searchPos({ ...HOUR, pageNumber: 2, pageSize: 50 });
    const [login, search] = g.requests;
    expect(Object.keys(login!.params).sort()).toEqual(
      ['_aid', '_akey', '_mt', '_requestMode', '_sig', '_sm', '_timestamp', '_version', 'userName', 'password'].sort(),
    );
    expect(login!.params).toMatchObject({
      _aid: 'S107',
      _akey: CREDENTIALS.akey,
      _mt: MOBILE_LOGIN,
      _sm: 'md5',
      _requestMode: 'post',
      _version: 'v1',
      userName: CREDENTIALS.account,
    });
    expect(search!.params).toEqual({
      _aid: 'S107',
      _akey: CREDENTIALS.akey,
      _mt: SEARCH_POS,
      _sm: 'md5',
      _requestMode: 'post',
      _version: 'v1',
      _timestamp: '20240101120000',
      _sig: search!.params._sig,
      depId: '1001',
      startTime: '2024-01-01 11:00:00',
      endTime: '2024-01-01 12:00:00',
      pageNumber: '2',
      pageSize: '50',
    });
    expect(search!.params._sig).toMatch(/^[0-9A-F]{32}$/);
  });

  it('leaves out parameters that are undefined, so they are neither sent nor signed', async () => {
    const { gateway: g, client } = await setup();
    await client.searchPos({ ...HOUR, pageNumber: undefined });
    const search = g.requests[1]!;
    expect('pageNumber' in search.params).toBe(false);
    expect('pageSize' in search.params).toBe(false);
    expect(search.signatureValid).toBe(true);
  });

  it('sends the password as its lowercase MD5, never in plain', async () => {
    const { gateway: g, client } = await setup();
    await client.mobileLogin();
    const login = g.requests[0]!;
    expect(login.params.password).toBe(PASSWORD_MD5);
    expect(login.params.password).toMatch(/^[0-9a-f]{32}$/);
    expect(login.raw).not.toContain(encodeURIComponent(CREDENTIALS.password));
    expect(login.raw).not.toContain(CREDENTIALS.secret);
  });

  it('sends the token as the authenticator header on searchPos (no token header), and none on mobileLogin', async () => {
    const { gateway: g, client } = await setup();
    await client.searchPos(HOUR);
    expect(g.requests[0]!.headers.authenticator).toBeUndefined();
    expect(g.requests[1]!.headers.authenticator).toBe('tok-1');
    expect(g.requests[1]!.headers.token).toBeUndefined();
  });

  it('stamps _timestamp in Asia/Shanghai by default, whatever the machine zone', async () => {
    const { gateway: g, client } = await setup();
    await client.mobileLogin();
    expect(g.requests[0]!.params._timestamp).toBe('20240101120000');
  });

  it('stamps _timestamp in another zone when configured', async () => {
    const { gateway: g, client } = await setup(undefined, { timeZone: 'America/New_York' });
    await client.mobileLogin();
    expect(g.requests[0]!.params._timestamp).toBe('20231231230000');
  });

  // Each call is stamped and signed afresh; its retries re-send the body it signed (the kernel's
  // transport repeats the request openapi-fetch built; the gateway checks only the _timestamp skew).
  it('regenerates _timestamp and re-signs for every call; a retry re-sends its call’s signed body', async () => {
    let now = FIXED_NOW.getTime();
    const handler: Handler = (req, n) => {
      if (req.mt === MOBILE_LOGIN) return { body: envelope('0', { token: 't' }) };
      return { body: n.mt === 1 ? envelope('-999') : envelope('0', page([])) };
    };
    const { gateway: g, client } = await setup(handler, {
      now: () => {
        now += 1000;
        return new Date(now);
      },
      retry: { baseDelayMs: 1 },
    });
    await client.searchPos(HOUR);
    await client.searchPos(HOUR);
    // login, searchPos (answered -999), its retry, the second searchPos
    expect(g.requests).toHaveLength(4);
    const [login, first, retry, second] = g.requests;
    expect(retry!.raw).toBe(first!.raw);
    const calls = [login!, first!, second!];
    const stamps = calls.map((r) => r.params._timestamp);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(new Set(calls.map((r) => r.params._sig)).size).toBe(stamps.length);
    expect(g.requests.every((r) => r.signatureValid)).toBe(true);
  });

  it('signs with SHA-1 when signMethod is sha1', async () => {
    const { gateway: g, client } = await setup(undefined, { signMethod: 'sha1' });
    await client.searchPos(HOUR);
    expect(g.requests.every((r) => r.params._sm === 'sha1' && r.signatureValid && r.params._sig!.length === 40)).toBe(
      true,
    );
  });

  it('signs and sends non-ASCII values as UTF-8', async () => {
    const { gateway: g, client } = await setup(undefined, { account: '店长-万店掌' });
    await client.mobileLogin();
    expect(g.requests[0]!.params.userName).toBe('店长-万店掌');
    expect(g.requests[0]!.signatureValid).toBe(true);
  });

  it('returns the page data, typed from the spec', async () => {
    const data = page([ticket('T1'), ticket('T2')]);
    const { client } = await setup((req) =>
      req.mt === MOBILE_LOGIN ? { body: envelope('0', { token: 't' }) } : { body: envelope('0', data) },
    );
    const result = await client.searchPos(HOUR);
    expect(result.total).toBe(2);
    expect(result.content.map((t) => t.ticketId)).toEqual(['T1', 'T2']);
  });

  it('refuses parameters the contract refuses, before sending anything', async () => {
    const { gateway: g, client } = await setup();
    await expect(client.searchPos({ ...HOUR, pageSize: 101 })).rejects.toThrow(/pageSize.*100|must be <= 100/);
    await expect(client.searchPos({ ...HOUR, startTime: '2024/01/01 11:00' })).rejects.toThrow(/startTime/);
    expect(g.requests).toHaveLength(0);
  });
});
