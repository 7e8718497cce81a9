import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createDStoreClient,
  createInquireOrderDetailHandler,
  DStoreError,
  loadPrivateKey,
  type InquiryOutcome,
} from '../src/index.js';
import {
  CLIENT_ID,
  fakePos,
  isoWithOffset,
  ownSignHeader,
  rsaPair,
  signedReply,
  startServer,
  undersizedRsaPair,
} from './support.js';

const dstore = rsaPair();
const pos = rsaPair();
const small = undersizedRsaPair();

/** Distinctive pieces of every private key in play: any PEM body line, and the whole PEM. */
const secrets = [dstore.privateKey, pos.privateKey, small.privateKey].flatMap((pem) => [
  pem,
  ...pem.split('\n').slice(1, -2),
]);

function expectClean(value: unknown) {
  const views = [String(value), inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) views.push(value.stack ?? '', value.message);
  for (const view of views)
    for (const secret of secrets) expect(view.includes(secret), `leaked into ${view.slice(0, 80)}`).toBe(false);
}

async function caught(fn: () => unknown): Promise<DStoreError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DStoreError);
    return error as DStoreError;
  }
  throw new Error('expected a DStoreError');
}

describe('private keys never appear in errors or audit events', () => {
  it('for every error kind', async () => {
    const server = await fakePos(signedReply({}, pos.privateKey));
    const slow = await startServer(() => undefined);
    const gone = await startServer(() => undefined);
    await gone.close();
    const make = (extra: object = {}) =>
      createDStoreClient({
        baseUrl: server.url,
        clientId: CLIENT_ID,
        privateKey: dstore.privateKey,
        posPublicKey: pos.publicKey,
        ...extra,
      });
    const answer = (body: unknown, key = pos.privateKey) => server.setReply(signedReply(body, key));
    const kinds: Record<string, () => unknown> = {
      DStoreKeyError: () => loadPrivateKey(small.privateKey),
      DStoreKeyErrorDamaged: () => loadPrivateKey(`${dstore.privateKey.slice(0, 400)}\n-----END PRIVATE KEY-----`),
      DStoreKeyErrorBare: () => loadPrivateKey(dstore.privateKey.split('\n').slice(1, -2).join('')),
      DStoreKeyErrorSwapped: () =>
        createDStoreClient({
          baseUrl: 'http://127.0.0.1:1',
          clientId: CLIENT_ID,
          privateKey: dstore.privateKey,
          posPublicKey: pos.privateKey,
        }),
      DStoreConfigError: () =>
        createDStoreClient({
          baseUrl: '',
          clientId: CLIENT_ID,
          privateKey: dstore.privateKey,
          posPublicKey: pos.publicKey,
        }),
      DStoreRequestError: () => make().inquireOrderDetail(''),
      DStoreBusinessError: () => {
        answer({ result: { resultStatus: 'F', resultCode: 'INVALID_SIGNATURE' } });
        return make().inquireOrderDetail('x');
      },
      DStoreUnknownError: () => {
        answer({ result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION' } });
        return make().inquireOrderDetail('x');
      },
      DStoreSignatureError: () => {
        answer({ result: { resultStatus: 'S' } }, dstore.privateKey);
        return make().inquireOrderDetail('x');
      },
      DStoreProtocolError: () => {
        answer({ nope: true });
        return make().inquireOrderDetail('x');
      },
      DStoreTimeoutError: () => make({ baseUrl: slow.url, timeoutMs: 50 }).inquireOrderDetail('x'),
      DStoreConnectionError: () => make({ baseUrl: gone.url }).inquireOrderDetail('x'),
      DStoreAbortError: () => make().inquireOrderDetail('x', { signal: AbortSignal.abort() }),
    };
    try {
      for (const [kind, fn] of Object.entries(kinds)) {
        const error = await caught(fn);
        expect(error.name).toBe(kind.replace(/(Damaged|Bare|Swapped)$/, ''));
        expect(error.message.length).toBeGreaterThan(20);
        expectClean(error);
      }
    } finally {
      await server.close();
      await slow.close();
    }
  });

  it('in the handler audit events and answers', async () => {
    const events: InquiryOutcome[] = [];
    const handler = createInquireOrderDetailHandler({
      clientId: CLIENT_ID,
      dstorePublicKey: dstore.publicKey,
      posPrivateKey: pos.privateKey,
      lookup: async () => {
        throw new Error(pos.privateKey);
      },
      onOutcome: (e) => events.push(e),
    });
    const body = '{"requestOrderId":"x"}';
    const time = isoWithOffset(new Date());
    const headers = {
      'Client-Id': CLIENT_ID,
      'Request-Time': time,
      Signature: ownSignHeader(CLIENT_ID, time, body, dstore.privateKey),
    };
    const response = await handler(
      new Request('http://127.0.0.1/v2/pos/inquireOrderDetail', { method: 'POST', body, headers }),
    );
    const text = await response.text();
    expect(text).toContain('UNKNOWN_EXCEPTION');
    expectClean(text);
    expectClean(events);
    expectClean(handler);
  });
});
