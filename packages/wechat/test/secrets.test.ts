import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WeChatError } from '../src/index.js';
import { APP_SECRET, PAID, startFake, type FakeWeChat } from './support/fake-wechat.js';
import { clientOf, rejection } from './support/clients.js';

let fake: FakeWeChat;
const issued: string[] = [];
beforeEach(async () => {
  fake = await startFake();
  const issue = fake.issue.bind(fake);
  fake.issue = () => {
    const token = issue();
    issued.push(token);
    return token;
  };
});
afterEach(() => fake.close());

const LEAKED_TOKEN = 'ACCESS_TOKEN_NEVER_SEEN_BY_THE_CLIENT_0123456789';

/** Every way a caller might print an error. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [
    e.message,
    e.stack ?? '',
    String(e),
    JSON.stringify(e),
    inspect(e, { depth: 10, showHidden: true }),
    JSON.stringify(inspect(e)),
  ];
}

function expectNoSecret(texts: string[]): void {
  const secrets = [APP_SECRET, encodeURIComponent(APP_SECRET), LEAKED_TOKEN, ...issued];
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
}

const echo = (request: { query: URLSearchParams }) => `token ${request.query.get('access_token')} secret ${APP_SECRET}`;

/** One scenario per error kind, each with WeChat echoing the credentials wherever it can. */
// biome-ignore lint/suspicious/noConfusingVoidType: a scenario either changes the client options or only the fake, returning nothing
const scenarios: Record<string, (f: FakeWeChat) => Partial<Parameters<typeof clientOf>[1]> | void> = {
  WeChatApiError: (f) => {
    f.onOrder = (r) => ({ body: { errcode: 10120002, errmsg: echo(r) } });
  },
  WeChatBusyError: (f) => {
    f.onOrder = (r) => ({ body: { errcode: -1, errmsg: echo(r) } });
  },
  WeChatAuthError: (f) => {
    f.onOrder = (r) => ({ body: { errcode: 40001, errmsg: echo(r) } });
  },
  'WeChatApiError (unknown errcode)': (f) => {
    f.onOrder = (r) => ({ body: { errcode: 99999, errmsg: echo(r) } });
  },
  'WeChatAuthError (40014)': (f) => {
    f.onOrder = (r) => ({ body: { errcode: 40014, errmsg: echo(r) } });
  },
  WeChatTokenError: (f) => {
    f.onToken = (r) => ({ body: { errcode: 40125, errmsg: `invalid appsecret ${r.query.get('secret')}` } });
  },
  'WeChatTokenError (unknown errcode)': (f) => {
    f.onToken = (r) => ({ body: { errcode: 99999, errmsg: `secret ${r.query.get('secret')}` } });
  },
  'WeChatProtocolError (truncated token answer)': (f) => {
    f.onToken = () => ({ contentType: 'text/plain', body: `{"access_token":"${LEAKED_TOKEN}","expires_in":72` });
  },
  'WeChatProtocolError (truncated order answer)': (f) => {
    f.onOrder = (r) => ({ body: `{"errcode":0,"errmsg":"${echo(r)}","order":{` });
  },
  'WeChatProtocolError (schema)': (f) => {
    f.onOrder = (r) => ({ body: { ...PAID, errmsg: echo(r), order: { ...PAID.order, orderId: 7 } } });
  },
  'WeChatProtocolError (token schema)': (f) => {
    f.onToken = () => ({ body: { access_token: LEAKED_TOKEN, expires_in: 99999 } });
  },
  WeChatHttpError: (f) => {
    f.onOrder = (r) => ({
      status: 502,
      contentType: 'text/plain',
      body: `upstream ${f.url}/x?access_token=${r.query.get('access_token')}&secret=${APP_SECRET}`,
    });
  },
  WeChatTimeoutError: (f) => {
    f.onOrder = () => ({ hang: true, body: '' });
    return { timeoutMs: 100 };
  },
  WeChatAbortError: (f) => {
    f.onOrder = () => ({ hang: true, body: '' });
    return { signal: AbortSignal.timeout(50) } as never;
  },
  WeChatConnectionError: () => ({ baseUrl: 'http://127.0.0.1:1' }),
};

describe('secrets never appear in errors', () => {
  for (const [kind, arrange] of Object.entries(scenarios)) {
    it(`keeps the AppSecret and access tokens out of ${kind}`, async () => {
      const { signal, ...options } = (arrange(fake) ?? {}) as { signal?: AbortSignal };
      const error = await rejection(clientOf(fake, options).getOrder('DD1', signal ? { signal } : {}));
      expect(error).toBeInstanceOf(WeChatError);
      expect((error as Error).name).toBe(kind.split(' ')[0]);
      expectNoSecret(renderings(error));
    });
  }

  it('keeps them out of the TypeError for a baseUrl that is not http(s)', () => {
    for (const baseUrl of [`ftp://wx:${APP_SECRET}@api.weixin.qq.com`, `not a url ${APP_SECRET}`]) {
      let error: unknown;
      try {
        clientOf(fake, { baseUrl });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TypeError);
      expectNoSecret(renderings(error));
    }
  });

  it('keeps them out of the client itself, its debug output and its last request', async () => {
    const debug: string[] = [];
    const client = clientOf(fake, { debug: (sent) => debug.push(JSON.stringify(sent)) });
    await client.getOrder('DD1');
    const stable = clientOf(fake, { tokenMode: 'stable_token', debug: (sent) => debug.push(JSON.stringify(sent)) });
    await stable.getOrder('DD1');
    expect(issued.length).toBeGreaterThan(0);
    expectNoSecret([
      inspect(client, { depth: 10, showHidden: true }),
      JSON.stringify(client),
      JSON.stringify(client.lastRequest()),
      inspect(stable, { depth: 10, showHidden: true }),
      ...debug,
    ]);
  });
});

describe('every error says what it is and what to do', () => {
  for (const [kind, arrange] of Object.entries(scenarios)) {
    it(`gives ${kind} provider, operation, outcome, retryable and a hint`, async () => {
      const { signal, ...options } = (arrange(fake) ?? {}) as { signal?: AbortSignal };
      const error = await rejection(clientOf(fake, options).getOrder('DD1', signal ? { signal } : {}));
      expect(error).toMatchObject({
        provider: 'wechat',
        operation: expect.stringMatching(/^(getOrder|getAccessToken|getStableAccessToken)$/),
        outcome: expect.stringMatching(/^(failed|unknown)$/),
        retryable: expect.any(Boolean),
        hint: expect.stringMatching(/\S/),
      });
    });
  }
});
