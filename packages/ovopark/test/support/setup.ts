import { afterEach } from 'vitest';
import { createOvoparkClient, type OvoparkClient, type OvoparkClientOptions } from '../../src/index.js';
import { CREDENTIALS, FIXED_NOW, startFakeGateway, type FakeGateway, type Handler } from './fake-gateway.js';

/** A fake gateway and a client pointed at it, both closed after each test of the calling file. */
export function useGateway() {
  let current: FakeGateway | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (
    handler?: Handler,
    options: Partial<OvoparkClientOptions> = {},
  ): Promise<{ gateway: FakeGateway; client: OvoparkClient }> => {
    current = await startFakeGateway(CREDENTIALS.secret, handler);
    const client = createOvoparkClient({
      ...CREDENTIALS,
      baseUrl: current.url,
      now: () => FIXED_NOW,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      ...options,
    });
    return { gateway: current, client };
  };
}

export const HOUR = { depId: 1001, startTime: '2024-01-01 11:00:00', endTime: '2024-01-01 12:00:00' };
