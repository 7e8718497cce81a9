import {
  lookupCode,
  OrderkitAnswerError,
  OrderkitConfigError,
  OrderkitInputError,
  OrderkitProviderError,
  OrderkitTimeoutError,
} from '@orderkit/core';
import { describe, expect, it } from 'vitest';
import { codes } from '../src/generated/codes.js';
import spec from '../src/generated/spec.js';
import {
  DStoreBusinessError,
  DStoreConfigError,
  DStoreError,
  DStoreProtocolError,
  DStoreRequestError,
  DStoreSignatureError,
  DStoreTimeoutError,
  DStoreUnknownError,
} from '../src/index.js';

const resultCode = spec.components.schemas.ResultCode as unknown as { enum: string[] };

describe('generated code table', () => {
  it('has an entry for every result code of the spec but SUCCESS, named as in the spec', () => {
    expect(Object.keys(codes).sort()).toEqual(resultCode.enum.filter((c) => c !== 'SUCCESS').sort());
    for (const [code, entry] of Object.entries(codes))
      expect(entry).toMatchObject({ name: code, hint: expect.any(String) });
    expect(codes.UNKNOWN_EXCEPTION).toMatchObject({ outcome: 'unknown', retryable: true });
    expect(codes.PROCESS_FAIL).toMatchObject({ outcome: 'failed', retryable: false });
  });
  it("gives a code the spec does not know the 'unknown code' hint", () => {
    expect(lookupCode('dstore', codes, 'NEW_CODE')).toMatchObject({
      known: false,
      hint: expect.stringMatching(/^unknown code NEW_CODE/),
    });
  });
});

describe('kernel kinds', () => {
  it('makes each D-Store error a kernel kind with provider dstore, and a DStoreError', () => {
    const cases = [
      [new DStoreBusinessError('INVALID_SIGNATURE', undefined), OrderkitProviderError, 'failed', false],
      [new DStoreUnknownError('later'), OrderkitProviderError, 'unknown', true],
      [new DStoreSignatureError('bad'), OrderkitAnswerError, 'unknown', false],
      [new DStoreProtocolError('HTTP 502', { status: 502 }, { retryable: true }), OrderkitAnswerError, 'unknown', true],
      [new DStoreTimeoutError(5), OrderkitTimeoutError, 'unknown', true],
      [new DStoreConfigError('no baseUrl'), OrderkitConfigError, 'failed', false],
      [new DStoreRequestError('too long', []), OrderkitInputError, 'failed', false],
    ] as const;
    for (const [error, Kind, outcome, retryable] of cases) {
      expect(error).toBeInstanceOf(Kind);
      expect(error).toBeInstanceOf(DStoreError);
      expect(error).toMatchObject({
        provider: 'dstore',
        operation: 'inquireOrderDetail',
        outcome,
        retryable,
        outcomeUnknown: outcome === 'unknown',
      });
    }
    const f = new DStoreBusinessError('INVALID_SIGNATURE', undefined);
    expect(f).toMatchObject({
      code: 'INVALID_SIGNATURE',
      resultCode: 'INVALID_SIGNATURE',
      hint: codes.INVALID_SIGNATURE.hint,
    });
    expect(f.message).toContain(codes.INVALID_SIGNATURE.hint);
    expect(new Error('x')).not.toBeInstanceOf(DStoreError);
  });
});
