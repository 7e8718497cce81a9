import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  isOutcomeUnknown,
  lookupCode,
  OrderkitAbortError,
  OrderkitAnswerError,
  OrderkitConfigError,
  OrderkitConnectionError,
  OrderkitError,
  OrderkitInputError,
  OrderkitProviderError,
  OrderkitTimeoutError,
  redact,
} from '../src/index.js';

const base = { provider: 'wechat', operation: 'getOrder' } as const;

describe('OrderkitError', () => {
  it('carries provider, operation, code, outcome, retryable and hint', () => {
    const e = new OrderkitProviderError('no', { ...base, code: '45009', retryable: false, hint: 'wait for the reset' });
    expect(e).toMatchObject({
      provider: 'wechat',
      operation: 'getOrder',
      code: '45009',
      outcome: 'failed',
      retryable: false,
      hint: 'wait for the reset',
      known: true,
    });
    expect(e.outcomeUnknown).toBe(false);
  });

  it('gives each kind its default outcome and retryability', () => {
    const kinds = [
      [OrderkitInputError, 'failed', false],
      [OrderkitConfigError, 'failed', false],
      [OrderkitConnectionError, 'unknown', true],
      [OrderkitTimeoutError, 'unknown', true],
      [OrderkitAbortError, 'unknown', false],
      [OrderkitAnswerError, 'unknown', false],
    ] as const;
    for (const [Kind, outcome, retryable] of kinds) {
      const e = new Kind('x', base);
      expect({ name: e.name, outcome: e.outcome, retryable: e.retryable, code: e.code }).toEqual({
        name: Kind.name,
        outcome,
        retryable,
        code: undefined,
      });
      expect(isOutcomeUnknown(e)).toBe(outcome === 'unknown');
    }
    expect(new OrderkitTimeoutError('x', { ...base, retryable: false }).retryable).toBe(false);
    expect(isOutcomeUnknown(new Error('plain'))).toBe(false);
  });

  it('sets name one way: the class name, also for subclasses, in the stack header, not as an own field', () => {
    class AcmeTimeoutError extends OrderkitTimeoutError {}
    const e = new AcmeTimeoutError('slow', base);
    expect(e.name).toBe('AcmeTimeoutError');
    expect(e.stack?.split('\n')[0]).toBe('AcmeTimeoutError: slow');
    expect(Object.keys(e)).not.toContain('name');
    expect(String(e)).toBe('AcmeTimeoutError: slow');
  });

  it('keeps instanceof chains: provider subclass → kernel kind → OrderkitError → Error', () => {
    class AcmeApiError extends OrderkitProviderError {}
    const e = new AcmeApiError('no', { ...base, code: '1' });
    for (const c of [AcmeApiError, OrderkitProviderError, OrderkitError, Error]) expect(e).toBeInstanceOf(c);
    expect(e).not.toBeInstanceOf(OrderkitAnswerError);
  });

  it('serializes its fields, never its cause', () => {
    const secret = 'S3CR3T-app-secret';
    const e = new OrderkitConnectionError(redact(`could not reach https://x/?secret=${secret}`, [secret]), {
      ...base,
      cause: new Error(`fetch failed for secret=${secret}`),
    });
    const json = JSON.stringify(e);
    expect(JSON.parse(json)).toMatchObject({
      name: 'OrderkitConnectionError',
      provider: 'wechat',
      operation: 'getOrder',
      outcome: 'unknown',
      retryable: true,
    });
    for (const view of [e.message, e.stack ?? '', String(e), json]) expect(view).not.toContain(secret);
    expect(inspect(e, { depth: 0 })).not.toContain('provider: undefined');
  });
});

describe('lookupCode', () => {
  const table = {
    '7': {
      name: 'SIGN_WRONG',
      meaning: 'bad signature',
      outcome: 'failed',
      retryable: false,
      hint: 'check the secret',
    },
  } as const;
  it('returns the spec entry of a known code, by number or string', () => {
    expect(lookupCode('ovopark', table, 7)).toMatchObject({
      name: 'SIGN_WRONG',
      known: true,
      hint: 'check the secret',
    });
    expect(lookupCode('ovopark', table, '7').known).toBe(true);
  });
  it("gives a code the spec does not know the 'unknown code' hint", () => {
    const e = lookupCode('ovopark', table, '123456');
    expect(e).toMatchObject({ known: false, outcome: 'failed', retryable: false });
    expect(e.hint).toMatch(/^unknown code 123456/);
    expect(lookupCode('ovopark', table, 'toString').known).toBe(false);
  });
});
