import { describe, expect, it } from 'vitest';
import {
  createOvoparkClient,
  OvoparkAbortError,
  OvoparkBusinessError,
  OvoparkConnectionError,
  OvoparkError,
  OvoparkGatewayError,
  OvoparkInputError,
  OvoparkProtocolError,
  OvoparkSignatureError,
  OvoparkTimeoutError,
} from '../src/index.js';
import { CREDENTIALS, envelope, MOBILE_LOGIN, page, SEARCH_POS, ticket, onSearch } from './support/fake-gateway.js';
import { HOUR, useGateway } from './support/setup.js';

const setup = useGateway();

describe('retries', () => {
  it('retries -999 and returns the success that follows', async () => {
    const { gateway, client } = await setup(
      onSearch((_, n) => ({
        body:
          n.mt === 1
            ? envelope('-999', null, 'platform exception', 'UNKNOWN_ERROR')
            : envelope('0', page([ticket('T1')])),
      })),
    );
    const data = await client.searchPos(HOUR);
    expect(data.content).toHaveLength(1);
    expect(gateway.count(SEARCH_POS)).toBe(2);
  });

  it('retries -500 too', async () => {
    const { gateway, client } = await setup(
      onSearch((_, n) => ({ body: n.mt < 3 ? envelope('-500') : envelope('0', page([])) })),
    );
    await client.searchPos(HOUR);
    expect(gateway.count(SEARCH_POS)).toBe(3);
  });

  it('stops after maxAttempts of -999 with a typed gateway error', async () => {
    const { gateway, client } = await setup(
      onSearch(() => ({ body: envelope('-999', null, 'platform exception', 'UNKNOWN_ERROR') })),
    );
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkGatewayError);
    expect(error).toMatchObject({ code: '-999', codename: 'UNKNOWN_ERROR', attempts: 3, method: SEARCH_POS });
    expect((error as Error).message).toMatch(/after 3 attempts/);
    expect(gateway.count(SEARCH_POS)).toBe(3);
  });

  it('honours a configured number of attempts', async () => {
    const { gateway, client } = await setup(
      onSearch(() => ({ body: envelope('-999') })),
      { retry: { maxAttempts: 5, baseDelayMs: 1 } },
    );
    await expect(client.searchPos(HOUR)).rejects.toMatchObject({ attempts: 5 });
    expect(gateway.count(SEARCH_POS)).toBe(5);
  });
});

describe('gateway and business codes', () => {
  it('does not retry SIGN_WRONG and shows the signed string with the secret masked', async () => {
    const { gateway, client } = await setup(undefined, { secret: 'not-the-gateway-secret' });
    const error = await client.mobileLogin().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkSignatureError);
    expect(error).toBeInstanceOf(OvoparkGatewayError);
    const e = error as OvoparkSignatureError;
    expect(e.code).toBe('7');
    expect(e.codename).toBe('SIGN_WRONG');
    expect(e.meaning).toMatch(/signature is invalid/);
    expect(gateway.requests).toHaveLength(1);
    const sent = gateway.requests[0]!.params;
    expect(e.signingString).toBe(
      `***_aidS107_akey${sent._akey}_mt${MOBILE_LOGIN}_requestModepost_smmd5_timestamp${sent._timestamp}_versionv1password***userName${sent.userName}***`,
    );
    expect(e.message).toContain(e.signingString);
    expect(e.message).toMatch(/secret option/);
    expect(e.message).not.toContain('not-the-gateway-secret');
  });

  it('names a gateway code and its meaning from the spec', async () => {
    const { client } = await setup(onSearch(() => ({ body: envelope('16', null, 'timestamp expired') })));
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkGatewayError);
    expect(error).not.toBeInstanceOf(OvoparkSignatureError);
    expect(error).toMatchObject({ code: '16', codename: 'TIMESTAMP_OVERTIME', result: 'timestamp expired' });
    expect((error as Error).message).toMatch(/clock/);
  });

  it('turns a six-digit code into a business error with its meaning', async () => {
    const { gateway, client } = await setup(onSearch(() => ({ body: envelope('206004', null, '部门不存在') })));
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkBusinessError);
    expect(error).toMatchObject({ code: '206004', meaning: 'department (store) does not exist', result: '部门不存在' });
    expect((error as Error).message).toMatch(/depId/);
    expect(gateway.count(SEARCH_POS)).toBe(1);
  });

  it('accepts stat.code as a number', async () => {
    const ok = await setup(onSearch(() => ({ body: envelope(0, page([ticket('T1')])) })));
    await expect(ok.client.searchPos(HOUR)).resolves.toMatchObject({ total: 1 });
  });

  it('accepts a numeric error code as well', async () => {
    const { client } = await setup(onSearch(() => ({ body: envelope(208016) })));
    await expect(client.searchPos(HOUR)).rejects.toMatchObject({ name: 'OvoparkBusinessError', code: '208016' });
  });

  it('keeps an undocumented code, saying it is undocumented', async () => {
    const { client } = await setup(onSearch(() => ({ body: envelope('42', null, 'strange', 'SOMETHING') })));
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'OvoparkGatewayError',
      code: '42',
      codename: 'SOMETHING',
      meaning: 'not documented by the platform',
    });
  });
});

describe('protocol errors', () => {
  it.each([
    ['an empty body', ''],
    ['a truncated body', '{"stat":{"code":"0","cid":"x"},"data":{"total":1,"cont'],
    ['HTML', '<html>502 Bad Gateway</html>'],
    ['JSON without stat', '{"data":{}}'],
    ['a stat without code', '{"stat":{"cid":"x"}}'],
  ])('refuses %s', async (_label, body) => {
    const { client } = await setup(onSearch(() => ({ body, contentType: 'text/html' })));
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkProtocolError);
    expect((error as Error).message).toMatch(/baseUrl/);
  });

  it('refuses a success that violates a documented part of the response schema', async () => {
    const { client } = await setup(
      onSearch(() => ({ body: { ...envelope('0', { total: 0, content: [] }), result: { text: 'ok' } } })),
    );
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkProtocolError);
    expect((error as Error).message).toMatch(/does not match the contract.*\/result/);
  });

  it('refuses a success without data', async () => {
    const { client } = await setup(onSearch(() => ({ body: envelope('0', null) })));
    await expect(client.searchPos(HOUR)).rejects.toThrow(/data is empty/);
  });

  it('reads an error envelope whatever the HTTP status', async () => {
    const { client } = await setup(onSearch(() => ({ status: 500, body: envelope('206004') })));
    await expect(client.searchPos(HOUR)).rejects.toBeInstanceOf(OvoparkBusinessError);
  });

  it('refuses a non-envelope error status', async () => {
    const { client } = await setup(
      onSearch(() => ({ status: 503, body: 'Service Unavailable', contentType: 'text/plain' })),
    );
    await expect(client.searchPos(HOUR)).rejects.toThrow(/HTTP 503/);
  });
});

describe('transport', () => {
  it('times out a slow answer with OvoparkTimeoutError', async () => {
    const { client } = await setup(
      onSearch(() => ({ body: envelope('0', page([])), delayMs: 400 })),
      { timeoutMs: 50 },
    );
    const started = Date.now();
    const error = await client.searchPos(HOUR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50 });
    expect((error as Error).message).toMatch(/timeoutMs/);
    expect(Date.now() - started).toBeLessThan(350);
  });

  it('reports an unreachable gateway as OvoparkConnectionError', async () => {
    const client = createOvoparkClient({ ...CREDENTIALS, baseUrl: 'http://127.0.0.1:1' });
    const error = await client.mobileLogin().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkConnectionError);
    expect((error as Error).message).toMatch(/could not reach the gateway at http:\/\/127\.0\.0\.1:1/);
  });

  it('reports a dropped connection as OvoparkConnectionError', async () => {
    const { client } = await setup(onSearch(() => ({ destroy: true })));
    await expect(client.searchPos(HOUR)).rejects.toBeInstanceOf(OvoparkConnectionError);
  });

  it("stops on the caller's signal with OvoparkAbortError", async () => {
    const { client } = await setup(onSearch(() => ({ body: envelope('0', page([])), delayMs: 300 })));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(client.searchPos(HOUR, { signal: controller.signal })).rejects.toBeInstanceOf(OvoparkAbortError);
  });

  it('sends through an injected fetch', async () => {
    const seen: string[] = [];
    const client = createOvoparkClient({
      ...CREDENTIALS,
      baseUrl: 'https://gateway.invalid',
      fetch: async (request) => {
        const url = new URL(request.url);
        // The fragment names the operation for openapi-fetch; HTTP never sends it.
        seen.push(`${request.method} ${url.origin}${url.pathname}${url.search}`);
        return new Response(JSON.stringify(envelope('0', { token: 'x' })), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await client.mobileLogin();
    expect(seen).toEqual(['POST https://gateway.invalid/cloud.api']);
  });
});

describe('options', () => {
  it.each([
    [{ secret: '' }, /secret/],
    [{ timeZone: 'Mars/Olympus' }, /timeZone/],
    [{ baseUrl: 'not a url' }, /baseUrl/],
    [{ timeoutMs: 0 }, /timeoutMs/],
    [{ signMethod: 'sha256' as 'md5' }, /signMethod/],
  ])('refuses %o', (bad, message) => {
    expect(() => createOvoparkClient({ ...CREDENTIALS, ...bad })).toThrow(OvoparkInputError);
    expect(() => createOvoparkClient({ ...CREDENTIALS, ...bad })).toThrow(message);
  });

  it('puts every error under OvoparkError', () => {
    for (const E of [
      OvoparkAbortError,
      OvoparkBusinessError,
      OvoparkConnectionError,
      OvoparkGatewayError,
      OvoparkInputError,
      OvoparkProtocolError,
      OvoparkSignatureError,
      OvoparkTimeoutError,
    ]) {
      expect(E.prototype).toBeInstanceOf(OvoparkError);
    }
  });
});
