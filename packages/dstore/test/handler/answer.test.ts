import { describe, expect, it } from 'vitest';
import { contract } from '../../src/contract.js';
import { readInquiryBody } from '../../src/handler/body.js';
import { parseInquiry } from '../../src/handler/inquiry.js';
import { createLookup, type FoundOrder } from '../../src/handler/lookup.js';
import { clip, createResponder, renderAnswer } from '../../src/handler/render.js';
import { loadPrivateKey } from '../../src/keys.js';
import { CLIENT_ID, ownVerifyHeader, PATH, rsaPair } from '../support.js';

const rules = contract();
const bytes = (text: string) => new TextEncoder().encode(text);

describe('readInquiryBody', () => {
  const post = (body: BodyInit) =>
    new Request(`http://127.0.0.1${PATH}`, { method: 'POST', body, duplex: 'half' } as RequestInit);

  it('returns the exact bytes the signature covers', async () => {
    expect(await readInquiryBody(post('{ "requestOrderId" : "k" }'), 64)).toEqual(bytes('{ "requestOrderId" : "k" }'));
  });

  it('a body over the limit → F PARAM_ILLEGAL with Connection: close', async () => {
    expect(await readInquiryBody(post('x'.repeat(65)), 64)).toEqual({
      kind: 'fail',
      code: 'PARAM_ILLEGAL',
      message: 'body: larger than 64 bytes',
      closeConnection: true,
    });
  });

  it('a body that breaks off → U', async () => {
    const broken = new ReadableStream<Uint8Array>({ pull: (c) => c.error(new Error('reset')) });
    expect(await readInquiryBody(post(broken), 64)).toMatchObject({ kind: 'unknown' });
  });
});

describe('parseInquiry', () => {
  it('takes requestOrderId from a valid body, whatever other fields it holds', () => {
    expect(parseInquiry(bytes('{"requestOrderId":"k","kind":"fail"}'), rules)).toEqual({
      kind: 'inquiry',
      requestOrderId: 'k',
    });
  });

  it('refuses bad UTF-8, bad JSON and an off-schema body, in that order', () => {
    expect(parseInquiry(new Uint8Array([0x7b, 0xff]), rules)).toMatchObject({ message: /UTF-8/ });
    expect(parseInquiry(bytes('{'), rules)).toMatchObject({ message: /JSON/ });
    expect(parseInquiry(bytes('{}'), rules)).toMatchObject({ code: 'PARAM_ILLEGAL', message: /requestOrderId/ });
  });
});

describe('createLookup', () => {
  it('S with the contract fields only, F PROCESS_FAIL for no order', async () => {
    const find = createLookup(
      async (id) => (id === 'k' ? ({ posOrderId: 'P', orderStatus: 'READY', secret: 1 } as FoundOrder) : null),
      1_000,
    );
    expect(await find('k')).toEqual({
      kind: 'answer',
      requestOrderId: 'k',
      answer: {
        result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' },
        posOrderId: 'P',
        orderStatus: 'READY',
      },
    });
    expect(await find('x')).toMatchObject({ kind: 'fail', code: 'PROCESS_FAIL', requestOrderId: 'x' });
  });

  it('U past the deadline, and the lookup is told to stop', async () => {
    let aborted = false;
    const find = createLookup(
      (_id, { signal }) =>
        new Promise(() => {
          signal.addEventListener('abort', () => (aborted = true));
        }),
      20,
    );
    expect(await find('k')).toMatchObject({ kind: 'unknown', message: /did not complete in time/ });
    expect(aborted).toBe(true);
  });

  it('U without the error text when the lookup throws', async () => {
    const find = createLookup(async () => {
      throw new Error('postgres://admin:s3cret@db');
    }, 1_000);
    expect(JSON.stringify(await find('k'))).not.toContain('s3cret');
  });
});

describe('renderAnswer', () => {
  it('clips a long message to the 256 characters of resultMessage', () => {
    const { answer } = renderAnswer({ kind: 'fail', code: 'PARAM_ILLEGAL', message: 'x'.repeat(300) }, rules);
    expect(answer.result.resultMessage).toHaveLength(256);
    expect(clip('abcdef', 4)).toBe('abc…');
  });

  it('turns an answer the contract refuses into U', () => {
    const decision = {
      kind: 'answer' as const,
      answer: {
        result: { resultStatus: 'S' as const, resultCode: 'SUCCESS' as const, resultMessage: 'success' },
        posOrderId: '',
        orderStatus: 'READY' as const,
      },
    };
    expect(renderAnswer(decision, rules).answer.result).toMatchObject({ resultStatus: 'U' });
  });
});

describe('createResponder', () => {
  const pos = rsaPair();
  const respond = createResponder({
    clientId: CLIENT_ID,
    posPrivateKey: loadPrivateKey(pos.privateKey),
    keyVersion: 3,
    utcOffsetMinutes: 480,
    now: () => new Date('2024-05-01T12:00:00Z'),
  });

  it('answers HTTP 200 with lower-case headers, signed over the text and path', async () => {
    const response = respond('{"a":1}', PATH);
    expect(response.status).toBe(200);
    expect(response.headers.get('response-time')).toBe('2024-05-01T20:00:00+08:00');
    expect(response.headers.get('signature')).toMatch(/^algorithm=RSA256,keyVersion=3,/);
    expect(response.headers.get('connection')).toBeNull();
    const text = await response.text();
    expect(
      ownVerifyHeader(CLIENT_ID, '2024-05-01T20:00:00+08:00', text, response.headers.get('signature'), pos.publicKey),
    ).toBe(true);
  });

  it('says Connection: close when asked', () => {
    expect(respond('{}', PATH, { closeConnection: true }).headers.get('connection')).toBe('close');
  });
});
