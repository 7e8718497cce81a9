import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createOvoparkClient,
  debugSigningString,
  OvoparkAbortError,
  OvoparkBudgetError,
  OvoparkBusinessError,
  OvoparkConnectionError,
  OvoparkError,
  OvoparkGatewayError,
  OvoparkInputError,
  OvoparkProtocolError,
  OvoparkSignatureError,
  OvoparkTimeoutError,
  type OvoparkClient,
} from '../src/index.js';
import { CREDENTIALS, envelope, MOBILE_LOGIN, PASSWORD_MD5, page, type Handler } from './support/fake-gateway.js';
import { HOUR, useGateway } from './support/setup.js';

const setup = useGateway();
const TOKEN = 'TOKEN-session-7f3e9a-do-not-log';
const SECRETS = [CREDENTIALS.secret, CREDENTIALS.password, PASSWORD_MD5, PASSWORD_MD5.toUpperCase(), TOKEN];
/** Everything a hostile or buggy gateway could echo back. */
const ECHO_BEFORE_LOGIN = `secret=${CREDENTIALS.secret} pw=${CREDENTIALS.password} md5=${PASSWORD_MD5}`;
const ECHO = `secret=${CREDENTIALS.secret} pw=${CREDENTIALS.password} md5=${PASSWORD_MD5} token=${TOKEN} enc=${encodeURIComponent(CREDENTIALS.password)}`;

/** Every rendering of an error a log could hold. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [
    String(e),
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    inspect(e, { depth: 10, showHidden: true }),
    inspect({ wrapped: e }, { depth: 10 }),
  ];
}

function expectNoSecrets(error: unknown): void {
  expect(error).toBeInstanceOf(OvoparkError);
  for (const text of renderings(error)) {
    for (const secret of SECRETS) expect(text, `${(error as Error).name} leaks`).not.toContain(secret);
  }
}

const loggedIn =
  (search: Handler): Handler =>
  (req, n) =>
    req.mt === MOBILE_LOGIN ? { body: envelope('0', { token: TOKEN }) } : search(req, n);

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('secrets never appear in errors or debug output', () => {
  const cases: Array<
    [string, new (...args: never[]) => OvoparkError, Handler, (c: OvoparkClient) => Promise<unknown>]
  > = [
    [
      'gateway error',
      OvoparkGatewayError,
      loggedIn(() => ({ body: envelope('-999', null, ECHO) })),
      (c) => c.searchPos(HOUR),
    ],
    // Before a login the client holds no token to mask, so the gateway cannot echo one.
    [
      'signature error on login',
      OvoparkSignatureError,
      () => ({ body: envelope('7', null, ECHO_BEFORE_LOGIN, 'SIGN_WRONG') }),
      (c) => c.mobileLogin(),
    ],
    [
      'signature error on search',
      OvoparkSignatureError,
      loggedIn(() => ({ body: envelope('7', null, ECHO, 'SIGN_WRONG') })),
      (c) => c.searchPos(HOUR),
    ],
    [
      'business error',
      OvoparkBusinessError,
      loggedIn(() => ({ body: envelope('206004', null, ECHO) })),
      (c) => c.searchPos(HOUR),
    ],
    [
      'business error on refused token',
      OvoparkBusinessError,
      loggedIn(() => ({ body: envelope('206001', null, ECHO) })),
      (c) => c.searchPos(HOUR),
    ],
    [
      'stale token twice (9990001)',
      OvoparkGatewayError,
      loggedIn(() => ({ body: envelope('9990001', null, ECHO, 'TOKEN_NOT_EXIST') })),
      (c) => c.searchPos(HOUR),
    ],
    [
      'login refused (103095)',
      OvoparkBusinessError,
      () => ({ body: envelope('103095', null, ECHO_BEFORE_LOGIN, 'PASSWORD_ERROE') }),
      (c) => c.mobileLogin(),
    ],
    [
      'unknown code',
      OvoparkGatewayError,
      loggedIn(() => ({ body: envelope('4242', null, ECHO, 'NEW') })),
      (c) => c.searchPos(HOUR),
    ],
    [
      'protocol error (not JSON)',
      OvoparkProtocolError,
      loggedIn(() => ({ body: `<html>${ECHO}</html>` })),
      (c) => c.searchPos(HOUR),
    ],
    [
      'protocol error (schema)',
      OvoparkProtocolError,
      loggedIn(() => ({ body: envelope('0', { total: -1, content: ECHO }, ECHO) })),
      (c) => c.searchPos(HOUR),
    ],
    [
      'protocol error (HTTP status)',
      OvoparkProtocolError,
      loggedIn(() => ({ status: 502, body: ECHO })),
      (c) => c.searchPos(HOUR),
    ],
    [
      'timeout',
      OvoparkTimeoutError,
      loggedIn(() => ({ body: envelope('0', page([])), delayMs: 300 })),
      (c) => c.searchPos(HOUR),
    ],
    ['connection error', OvoparkConnectionError, loggedIn(() => ({ destroy: true })), (c) => c.searchPos(HOUR)],
    [
      'abort',
      OvoparkAbortError,
      loggedIn(() => ({ body: envelope('0', page([])), delayMs: 300 })),
      (c) => c.searchPos(HOUR, { signal: AbortSignal.timeout(30) }),
    ],
    [
      'budget error',
      OvoparkBudgetError,
      loggedIn(() => ({ body: envelope('0', { total: 1, content: [{ ticketId: 'T', depId: 1, cashierName: 'x' }] }) })),
      (c) => c.searchPosRange({ depId: 1, from: '2024-01-01 00:00:00', to: '2024-01-01 05:00:00', callBudget: 2 }),
    ],
    [
      'input error',
      OvoparkInputError,
      loggedIn(() => ({ body: envelope('0', page([])) })),
      (c) => c.searchPos({ ...HOUR, startTime: CREDENTIALS.secret }),
    ],
  ];

  it.each(cases)('%s', async (_label, kind, handler, run) => {
    // A short budget only where the timeout is the point: under a loaded CI machine 100 ms is not enough for an answer.
    const { client } = await setup(handler, { timeoutMs: _label === 'timeout' ? 100 : 5_000 });
    const error = await failure(run(client));
    expect(error).toBeInstanceOf(kind);
    expectNoSecrets(error);
  });

  it('option errors', () => {
    const misplaced = [{ aid: CREDENTIALS.secret }, { passwordEncoding: CREDENTIALS.password as never }];
    for (const bad of [
      { timeZone: CREDENTIALS.secret },
      { baseUrl: CREDENTIALS.password },
      { akey: '' },
      ...misplaced,
    ]) {
      const error = (() => {
        try {
          createOvoparkClient({ ...CREDENTIALS, ...bad });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(OvoparkInputError);
      expectNoSecrets(error);
    }
  });

  it('range input errors that quote a misplaced secret', async () => {
    const { client } = await setup(loggedIn(() => ({ body: envelope('0', page([])) })));
    const range = { depId: 1, from: CREDENTIALS.secret, to: '2024-01-01 00:00:00' };
    expectNoSecrets(await failure(client.searchPosRange(range)));
    expectNoSecrets(
      (() => {
        try {
          client.streamPosRange(range);
        } catch (e) {
          return e;
        }
        return undefined;
      })(),
    );
  });

  it('warnings, whose field names come from the answer', async () => {
    const warnings: string[] = [];
    // The only array in data sits under a key that echoes the token: the warning names the field, masked.
    const { client } = await setup(
      loggedIn(() => ({ body: envelope('0', { [TOKEN]: [{ ticketId: 'T1', depId: 1 }] }) })),
      {
        onWarning: (w) => warnings.push(w.message, w.field ?? '', JSON.stringify(w.issues)),
      },
    );
    const result = await client.searchPos(HOUR);
    expect(result.content).toHaveLength(1);
    expect(warnings.length).toBeGreaterThan(0);
    for (const text of warnings) for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('the client object itself', async () => {
    const { client } = await setup(loggedIn(() => ({ body: envelope('0', page([])) })));
    await client.searchPos(HOUR);
    const text = inspect(client, { depth: 10, showHidden: true }) + JSON.stringify(client);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('the debug signing string', () => {
    const shown = debugSigningString({ _aid: 'S107', note: `x${CREDENTIALS.secret}y` }, CREDENTIALS.secret);
    expect(shown).not.toContain(CREDENTIALS.secret);
    expect(shown).toBe('***_aidS107notex***y***');
  });
});
