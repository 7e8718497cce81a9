import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/contract.js';
import { createTimeWindow, createVerifier } from '../../src/handler/verify.js';
import { loadPublicKey } from '../../src/keys.js';
import { CLIENT_ID, content, isoWithOffset, ownSignHeader, PATH, rsaPair } from '../support.js';

const dstore = rsaPair();
const verify = createVerifier({ clientId: CLIENT_ID, dstorePublicKey: loadPublicKey(dstore.publicKey) });
const BODY = '{"requestOrderId":"known"}';
const TIME = '2024-05-01T20:00:00+08:00';

function headers(overrides: Record<string, string | null> = {}): Headers {
  const all: Record<string, string | null> = {
    'client-id': CLIENT_ID,
    'request-time': TIME,
    signature: ownSignHeader(CLIENT_ID, TIME, BODY, dstore.privateKey),
    ...overrides,
  };
  const out = new Headers();
  for (const [k, v] of Object.entries(all)) if (v !== null) out.set(k, v);
  return out;
}

const raw = new TextEncoder().encode(BODY);

describe('createVerifier', () => {
  it('accepts a request signed over the requested path and passes Request-Time on', () => {
    expect(verify(headers(), raw, PATH)).toEqual({ kind: 'verified', path: PATH, requestTime: TIME });
  });

  it('checks Client-Id, Request-Time and Signature in the documented order', () => {
    expect(verify(headers({ 'client-id': null, signature: null }), raw, PATH)).toMatchObject({
      code: 'PARAM_ILLEGAL',
      message: /Client-Id/,
    });
    expect(verify(headers({ 'client-id': 'OTHER' }), raw, PATH)).toMatchObject({ code: 'ACCESS_DENIED' });
    expect(verify(headers({ 'request-time': null }), raw, PATH)).toMatchObject({ message: /Request-Time/ });
    expect(verify(headers({ signature: null }), raw, PATH)).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(verify(headers({ signature: 'RSA256 abc' }), raw, PATH)).toMatchObject({ message: /expected algorithm/ });
  });

  it('refuses a signature over other bytes', () => {
    const tampered = new TextEncoder().encode(BODY.replace('known', 'other'));
    expect(verify(headers(), tampered, PATH)).toMatchObject({ code: 'INVALID_SIGNATURE', message: /verification/ });
  });

  it('behind a path prefix, verifies over the requested path first', () => {
    const prefixed = `/pos${PATH}`;
    const signature = sign('sha256', content(CLIENT_ID, TIME, BODY, prefixed), dstore.privateKey).toString('base64');
    const header = `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature)}`;
    expect(verify(headers({ signature: header }), raw, prefixed)).toEqual({
      kind: 'verified',
      path: prefixed,
      requestTime: TIME,
    });
  });

  it('behind a path prefix, accepts the operation path alone and says that is what was signed', () => {
    expect(verify(headers(), raw, `/pos${PATH}`)).toEqual({ kind: 'verified', path: PATH, requestTime: TIME });
    expect(verify(headers(), raw, '/elsewhere')).toMatchObject({ code: 'INVALID_SIGNATURE' });
  });
});

describe('createTimeWindow', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  const inWindow = createTimeWindow({ toleranceMs: 60_000, now: () => now, rules: contract() });

  it('accepts a Request-Time within the tolerance, in any offset or as epoch milliseconds', () => {
    expect(inWindow(isoWithOffset(new Date(now.getTime() - 59_000), -300))).toBeNull();
    expect(inWindow(String(now.getTime() + 59_000))).toBeNull();
  });

  it('refuses one outside it, naming the window and the server time', () => {
    expect(inWindow(isoWithOffset(new Date(now.getTime() + 61_000)))).toMatchObject({
      code: 'PARAM_ILLEGAL',
      message: /within ±60 s of the server time \(server time 2024-05-01T12:00:00\+00:00\)/,
    });
  });

  it('refuses one that does not parse', () => {
    expect(inWindow('yesterday')).toMatchObject({ code: 'PARAM_ILLEGAL', message: /ISO 8601/ });
  });
});
