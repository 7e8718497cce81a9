import {
  OrderkitConnectionError,
  OrderkitInputError,
  OrderkitProviderError,
  OrderkitTimeoutError,
} from '@orderkit/core';
import { describe, expect, it } from 'vitest';
import { codes } from '../src/generated/codes.js';
import spec from '../src/generated/spec.js';
import {
  errCodeInfo,
  errCodeName,
  WeChatApiError,
  WeChatBusyError,
  WeChatConnectionError,
  WeChatError,
  WeChatInputError,
  WeChatTimeoutError,
} from '../src/index.js';

const known = spec.components.schemas.KnownErrCode as unknown as { enum: number[]; 'x-enum-varnames': string[] };

describe('generated code table', () => {
  it('has an entry for every code of KnownErrCode, with its name', () => {
    expect(Object.keys(codes).sort()).toEqual(known.enum.map(String).sort());
    known.enum.forEach((code, i) => {
      expect(errCodeName(code)).toBe(known['x-enum-varnames'][i]);
    });
    for (const entry of Object.values(codes))
      expect(entry).toMatchObject({
        outcome: expect.stringMatching(/^(failed|unknown)$/),
        hint: expect.any(String),
        retryable: expect.any(Boolean),
      });
    // System busy: WeChat cannot say whether it acted (order-desk exits 3 on it, as before).
    expect(codes['-1']).toMatchObject({ outcome: 'unknown', retryable: true });
  });
  it("gives a code the spec does not know the 'unknown code' hint", () => {
    expect(errCodeInfo(99999)).toMatchObject({ known: false, hint: expect.stringMatching(/^unknown code 99999/) });
    const e = new WeChatApiError(99999, 'new', 'getOrder');
    expect(e).toMatchObject({
      provider: 'wechat',
      code: '99999',
      known: false,
      outcome: 'failed',
      hint: expect.stringMatching(/^unknown code/),
    });
  });
  it('takes retryability and hint from the spec', () => {
    expect(new WeChatApiError(45009, 'quota', 'getOrder')).toMatchObject({
      code: '45009',
      retryable: false,
      hint: expect.stringMatching(/daily quota/),
    });
    expect(new WeChatBusyError('busy', 'getOrder', 3)).toMatchObject({
      code: '-1',
      outcome: 'unknown',
      retryable: true,
      attempts: 3,
    });
  });
});

describe('kernel kinds', () => {
  it('makes each WeChat error a kernel kind with provider wechat, and a WeChatError', () => {
    const cases = [
      [new WeChatApiError(45009, 'q', 'getOrder'), OrderkitProviderError, 'failed'],
      [new WeChatTimeoutError(5, 'getOrder'), OrderkitTimeoutError, 'unknown'],
      [new WeChatConnectionError('getOrder', 'ECONNREFUSED', 'refused'), OrderkitConnectionError, 'unknown'],
      [new WeChatInputError('getOrder: orderId must be a non-empty string', 'getOrder'), OrderkitInputError, 'failed'],
    ] as const;
    for (const [error, Kind, outcome] of cases) {
      expect(error).toBeInstanceOf(Kind);
      expect(error).toBeInstanceOf(WeChatError);
      expect(error).toMatchObject({ provider: 'wechat', operation: 'getOrder', outcome, name: error.constructor.name });
    }
    expect(new WeChatError('bug', 'getOrder').outcome).toBe('unknown');
    expect(new Error('x')).not.toBeInstanceOf(WeChatError);
  });
});
