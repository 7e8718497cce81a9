/**
 * The wire as Ovopark's SDKs and integrators show it (issue 9), against the fake gateway answering
 * that way: numbers in `stat`, the `authenticator` header, `userName`, a per-application `_aid`,
 * `9990001 TOKEN_NOT_EXIST`, an open code set, and ticket lists under names the contract does not infer.
 */
import { describe, expect, it } from 'vitest';
import {
  createOvoparkClient,
  OvoparkBusinessError,
  OvoparkGatewayError,
  OvoparkInputError,
  sign,
} from '../src/index.js';
import {
  CREDENTIALS,
  envelope,
  MOBILE_LOGIN,
  page,
  SEARCH_POS,
  stringEnvelope,
  ticket,
  TOKEN_NOT_EXIST,
  onSearchAfterRealLogin,
} from './support/fake-gateway.js';
import { HOUR, useGateway } from './support/setup.js';

const setup = useGateway();
describe('stat as the SDKs read it', () => {
  it('takes stat.code 0 and stat.systime as numbers', async () => {
    const { client } = await setup(
      onSearchAfterRealLogin(() => ({
        body: {
          stat: { cid: 'c', code: 0, codename: 'SUCCESS', systime: 1704081600000 },
          result: 'ok',
          data: page([ticket('T1')]),
        },
      })),
    );
    const result = await client.searchPos(HOUR);
    expect(result.content.map((t) => t.ticketId)).toEqual(['T1']);
  });

  it('still takes them as strings, as the pages list them', async () => {
    const { client } = await setup(onSearchAfterRealLogin(() => ({ body: stringEnvelope('0', page([ticket('T1')])) })));
    await expect(client.searchPos(HOUR)).resolves.toMatchObject({ total: 1 });
  });

  it('compares codes by value: a numeric error code is the documented string code', async () => {
    const { client } = await setup(onSearchAfterRealLogin(() => ({ body: envelope(208016) })));
    await expect(client.searchPos(HOUR)).rejects.toMatchObject({
      code: '208016',
      meaning: expect.stringMatching(/1 hour/),
    });
  });
});

describe('an open code set', () => {
  it('an unknown gateway code is a typed provider failure carrying the code, not a broken answer', async () => {
    const { client } = await setup(
      onSearchAfterRealLogin(() => ({ body: envelope(4242, null, 'new gateway rule', 'NEW_RULE') })),
    );
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkGatewayError);
    expect(error).toMatchObject({ code: '4242', codename: 'NEW_RULE', meaning: 'not documented by the platform' });
  });

  it('an unknown six-digit code is a typed business failure carrying the code', async () => {
    const { client } = await setup(onSearchAfterRealLogin(() => ({ body: envelope(212345, null, 'something new') })));
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkBusinessError);
    expect(error).toMatchObject({ code: '212345' });
  });

  it('names the login codes 103094 and 103095', async () => {
    for (const [code, name] of [
      [103094, 'USERNAME_ERROE'],
      [103095, 'PASSWORD_ERROE'],
    ] as const) {
      const { client } = await setup((req) =>
        req.mt === MOBILE_LOGIN ? { body: envelope(code, null, name) } : { body: envelope(0, page([])) },
      );
      const error = await client.mobileLogin().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OvoparkBusinessError);
      expect((error as Error).message).toMatch(code === 103094 ? /user name/ : /password/);
    }
  });
});

describe('stale token (9990001 TOKEN_NOT_EXIST)', () => {
  it('logs in again exactly once and repeats the call, which succeeds', async () => {
    let stale = true;
    const { gateway, client } = await setup(
      onSearchAfterRealLogin((req) => {
        if (stale && req.headers.authenticator === 'tok-1')
          return { body: envelope(TOKEN_NOT_EXIST, null, 'token not exist', 'TOKEN_NOT_EXIST') };
        return { body: envelope(0, page([ticket('T1')])) };
      }),
    );
    await client.mobileLogin();
    const result = await client.searchPos(HOUR);
    stale = false;
    expect(result.content).toHaveLength(1);
    expect(gateway.count(MOBILE_LOGIN)).toBe(2); // the first login, and exactly one re-login
    expect(gateway.count(SEARCH_POS)).toBe(2);
    expect(gateway.requests.at(-1)!.headers.authenticator).toBe('tok-2');
  });

  it('twice in a row: a typed error after exactly one re-login', async () => {
    const { gateway, client } = await setup(
      onSearchAfterRealLogin(() => ({ body: envelope(TOKEN_NOT_EXIST, null, 'token not exist', 'TOKEN_NOT_EXIST') })),
    );
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkGatewayError);
    expect(error).toMatchObject({ code: TOKEN_NOT_EXIST, codename: 'TOKEN_NOT_EXIST' });
    expect((error as Error).message).toMatch(/logged in again once/);
    expect(gateway.count(MOBILE_LOGIN)).toBe(2);
    expect(gateway.count(SEARCH_POS)).toBe(2);
  });
});

describe('what goes on the wire', () => {
  it('sends the token in the authenticator header, never a token header', async () => {
    const { gateway, client } = await setup();
    await client.searchPos(HOUR);
    const search = gateway.requests.find((r) => r.mt === SEARCH_POS)!;
    expect(search.headers.authenticator).toBe('tok-1');
    expect(search.headers).not.toHaveProperty('token');
  });

  it('logs in with userName and password (MD5 by default), no account field', async () => {
    const { gateway, client } = await setup();
    await client.mobileLogin();
    const login = gateway.requests[0]!.params;
    expect(login.userName).toBe(CREDENTIALS.account);
    expect(login).not.toHaveProperty('account');
    expect(login.password).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sends the password as typed with passwordEncoding "plain"', async () => {
    const { gateway, client } = await setup(undefined, { passwordEncoding: 'plain' });
    await client.mobileLogin();
    expect(gateway.requests[0]!.params.password).toBe(CREDENTIALS.password);
    expect(gateway.requests[0]!.signatureValid).toBe(true);
  });

  it('sends _aid from the options, signed', async () => {
    const { gateway, client } = await setup(undefined, { aid: 'DC-000392' });
    await client.searchPos(HOUR);
    expect(gateway.requests.map((r) => r.params._aid)).toEqual(['DC-000392', 'DC-000392']);
    expect(gateway.requests.every((r) => r.signatureValid)).toBe(true);
  });

  it('defaults _aid to S107', async () => {
    const { gateway, client } = await setup();
    await client.mobileLogin();
    expect(gateway.requests[0]!.params._aid).toBe('S107');
  });

  it('refuses a bad aid or passwordEncoding before anything is sent, saying what to use', () => {
    expect(() => createOvoparkClient({ ...CREDENTIALS, aid: '' })).toThrow(OvoparkInputError);
    expect(() => createOvoparkClient({ ...CREDENTIALS, aid: 'x'.repeat(21) })).toThrow(
      /aid .*1 to 20 characters.*S107.*DC-000392/,
    );
    expect(() => createOvoparkClient({ ...CREDENTIALS, passwordEncoding: 'base64' as never })).toThrow(
      /passwordEncoding must be "md5".*"plain"/,
    );
  });

  it("signs the SDK README's worked example to 5489704B80A47394025527D6D51FB582", () => {
    const params = {
      _aid: 'S107',
      orgid: '1',
      _akey: 'test',
      _requestMode: 'post',
      _mt: 'open.demo.queryOpenAccount',
      _sm: 'md5',
      _version: 'v1',
      _timestamp: '20171221132407',
    };
    expect(sign(params, 'test', 'md5')).toBe('5489704B80A47394025527D6D51FB582');
  });
});
