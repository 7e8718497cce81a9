/** What openStore refuses before it opens anything, and what the store checks without order rules. */
import { describe, expect, it } from 'vitest';
import { openStore, StoreValidationError, type OpenStoreOptions } from '../src/index.js';
import { validateOrder } from '../src/validation.js';
import { FALLBACK_ORDER_RULES } from '../src/index.js';
import { storeOptions } from './options.js';

describe('openStore options', () => {
  it('needs the registered provider ids, saying what they look like', async () => {
    for (const providers of [undefined, [], ['Not An Id'], [7]]) {
      const error = await openStore({ providers } as unknown as OpenStoreOptions).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreValidationError);
      expect((error as StoreValidationError).field).toBe('providers');
      expect((error as Error).message).toMatch(/provider ids/);
    }
  });

  it('refuses order rules beyond the store’s own limits', async () => {
    const error = await openStore({
      ...storeOptions,
      orderRules: { ...storeOptions.orderRules, posOrderId: { min: 1, max: 300 } },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreValidationError);
    expect((error as StoreValidationError).field).toBe('orderRules.posOrderId');
  });

  it('checks only its own limits without order rules: any status of 1..255 characters', () => {
    const order = { requestOrderId: 'r', posOrderId: 'p', orderStatus: 'ANY_STATUS' };
    expect(validateOrder(order, FALLBACK_ORDER_RULES).orderStatus).toBe('ANY_STATUS');
    expect(() => validateOrder({ ...order, orderStatus: '' }, FALLBACK_ORDER_RULES)).toThrow(/orderStatus/);
    expect(() => validateOrder({ ...order, posOrderId: 'x'.repeat(256) }, FALLBACK_ORDER_RULES)).toThrow(/1\.\.255/);
  });
});
