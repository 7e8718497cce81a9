import { describe, expect, it } from 'vitest';
import { OvoparkGatewayError } from '../src/index.js';
import { envelope, MOBILE_LOGIN, page, SEARCH_POS, TOKEN_NOT_EXIST, type Handler } from './support/fake-gateway.js';
import { HOUR, useGateway } from './support/setup.js';

const setup = useGateway();

/** Logs in with tok-<n>; searchPos accepts only the latest token, otherwise answers `code`. */
function sessions(code = TOKEN_NOT_EXIST, loginDelayMs = 0): Handler {
  let valid = '';
  return (req, n) => {
    if (req.mt === MOBILE_LOGIN) {
      valid = `tok-${n.mt}`;
      return { body: envelope('0', { token: valid }), delayMs: loginDelayMs };
    }
    return req.headers.authenticator === valid ? { body: envelope('0', page([])) } : { body: envelope(code) };
  };
}

describe('token', () => {
  it('logs in once and reuses the token across calls', async () => {
    const { gateway, client } = await setup(sessions());
    await client.searchPos(HOUR);
    await client.searchPos(HOUR);
    await client.mobileLogin();
    expect(gateway.count(MOBILE_LOGIN)).toBe(1);
    expect(gateway.count(SEARCH_POS)).toBe(2);
  });

  it('shares one login among 50 concurrent first calls', async () => {
    const { gateway, client } = await setup(sessions(TOKEN_NOT_EXIST, 30));
    await Promise.all(Array.from({ length: 50 }, () => client.searchPos(HOUR)));
    expect(gateway.count(MOBILE_LOGIN)).toBe(1);
    expect(gateway.count(SEARCH_POS)).toBe(50);
  });

  it('logs in again once and retries once when the token is refused', async () => {
    let refuse = true;
    const { gateway, client } = await setup((req, n) => {
      if (req.mt === MOBILE_LOGIN) return { body: envelope('0', { token: `tok-${n.mt}` }) };
      if (refuse && req.headers.authenticator === 'tok-1') return { body: envelope(TOKEN_NOT_EXIST) };
      return { body: envelope('0', page([])) };
    });
    await client.mobileLogin();
    refuse = true;
    await client.searchPos(HOUR);
    expect(gateway.count(MOBILE_LOGIN)).toBe(2);
    expect(gateway.count(SEARCH_POS)).toBe(2);
    expect(gateway.requests.at(-1)!.headers.authenticator).toBe('tok-2');
  });

  it('re-logs in once for many concurrent calls that saw the same refusal', async () => {
    let first = true;
    const { gateway, client } = await setup((req, n) => {
      if (req.mt === MOBILE_LOGIN) return { body: envelope('0', { token: `tok-${n.mt}` }), delayMs: first ? 0 : 20 };
      return req.headers.authenticator === 'tok-1'
        ? { body: envelope(TOKEN_NOT_EXIST) }
        : { body: envelope('0', page([])) };
    });
    await client.mobileLogin();
    first = false;
    await Promise.all(Array.from({ length: 20 }, () => client.searchPos(HOUR)));
    expect(gateway.count(MOBILE_LOGIN)).toBe(2);
    expect(gateway.count(SEARCH_POS)).toBe(40);
  });

  it('gives up after one re-login when the fresh token is refused too', async () => {
    const { gateway, client } = await setup((req, n) =>
      req.mt === MOBILE_LOGIN ? { body: envelope('0', { token: `tok-${n.mt}` }) } : { body: envelope(TOKEN_NOT_EXIST) },
    );
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkGatewayError);
    expect(error).toMatchObject({ code: TOKEN_NOT_EXIST, codename: 'TOKEN_NOT_EXIST' });
    expect(gateway.count(MOBILE_LOGIN)).toBe(2);
    expect(gateway.count(SEARCH_POS)).toBe(2);
  });

  it('uses the configured authFailureCodes instead of the default', async () => {
    const refuseFirstToken: (code: string) => Handler = (code) => (req, n) => {
      if (req.mt === MOBILE_LOGIN) return { body: envelope('0', { token: `tok-${n.mt}` }) };
      return req.headers.authenticator === 'tok-1' ? { body: envelope(code) } : { body: envelope('0', page([])) };
    };
    const custom = await setup(refuseFirstToken('999001'), { authFailureCodes: ['999001'] });
    await custom.client.searchPos(HOUR);
    expect(custom.gateway.count(MOBILE_LOGIN)).toBe(2);
    expect(custom.gateway.count(SEARCH_POS)).toBe(2);
  });

  it('does not treat the default code as a refusal when authFailureCodes is empty', async () => {
    const { gateway, client } = await setup(
      (req) =>
        req.mt === MOBILE_LOGIN ? { body: envelope('0', { token: 't' }) } : { body: envelope(TOKEN_NOT_EXIST) },
      { authFailureCodes: [] },
    );
    await expect(client.searchPos(HOUR)).rejects.toMatchObject({ code: TOKEN_NOT_EXIST });
    expect(gateway.count(MOBILE_LOGIN)).toBe(1);
    expect(gateway.count(SEARCH_POS)).toBe(1);
  });

  it('lets a failed login be tried again by the next call', async () => {
    let fail = true;
    const { gateway, client } = await setup((req) => {
      if (req.mt === MOBILE_LOGIN) return { body: fail ? envelope('206001') : envelope('0', { token: 't' }) };
      return { body: envelope('0', page([])) };
    });
    await expect(client.searchPos(HOUR)).rejects.toMatchObject({ code: '206001' });
    fail = false;
    await expect(client.searchPos(HOUR)).resolves.toMatchObject({ total: 0 });
    expect(gateway.count(MOBILE_LOGIN)).toBe(2);
  });
});
