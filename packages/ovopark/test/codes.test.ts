import { OrderkitError, OrderkitInputError, OrderkitProviderError } from '@orderkit/core';
import { describe, expect, it } from 'vitest';
import { codes } from '../src/generated/codes.js';
import spec from '../src/generated/spec.js';
import { describeCode, OvoparkBusinessError, OvoparkError, OvoparkInputError } from '../src/index.js';

const statCode = spec.components.schemas.StatCode as unknown as { 'x-enumDescriptions': Record<string, string> };

describe('generated code table', () => {
  it('has an entry for every code the spec describes (but success)', () => {
    const described = Object.keys(statCode['x-enumDescriptions']).filter((c) => c !== '0');
    expect(Object.keys(codes).sort()).toEqual(described.sort());
    for (const entry of Object.values(codes)) {
      expect(entry).toMatchObject({
        meaning: expect.any(String),
        outcome: 'failed',
        retryable: expect.any(Boolean),
        hint: expect.any(String),
      });
    }
  });
  it('names gateway codes, not business codes, and keeps their meaning and hint', () => {
    expect(describeCode('7')).toMatchObject({
      name: 'SIGN_WRONG',
      documented: true,
      retryable: false,
      hint: expect.stringMatching(/signing secret/),
    });
    expect(describeCode('206004')).toEqual(expect.not.objectContaining({ name: expect.anything() }));
    expect(describeCode('-999').retryable).toBe(true);
  });
  it("gives a code the spec does not know the 'unknown code' hint", () => {
    expect(describeCode('4242')).toMatchObject({
      documented: false,
      meaning: 'not documented by the platform',
      hint: expect.stringMatching(/^unknown code 4242/),
    });
  });
});

describe('kernel kinds', () => {
  it('makes each Ovopark error a kernel kind with provider ovopark', () => {
    const input = new OvoparkInputError('searchPosRange: depId must be a positive integer store id, not 0.');
    expect(input).toBeInstanceOf(OrderkitInputError);
    expect(input).toBeInstanceOf(OvoparkError);
    expect(input).toMatchObject({
      provider: 'ovopark',
      operation: 'searchPosRange',
      outcome: 'failed',
      retryable: false,
    });
    const business = new OvoparkBusinessError('x', {
      method: 'open.ovopark.pos.searchPos',
      code: '206004',
      meaning: 'm',
      hint: 'h',
      retryable: false,
      known: true,
    });
    expect(business).toBeInstanceOf(OrderkitProviderError);
    expect(business).toMatchObject({
      provider: 'ovopark',
      operation: 'open.ovopark.pos.searchPos',
      code: '206004',
      outcome: 'failed',
      hint: 'h',
    });
    expect(new Error('plain')).not.toBeInstanceOf(OvoparkError);
    expect(Object.create(OrderkitError.prototype)).not.toBeInstanceOf(OvoparkError);
  });
});
