import { createWeChatClient, type WeChatClientOptions } from '../../src/index.js';
import { APP_ID, APP_SECRET, type FakeWeChat } from './fake-wechat.js';

/** A client of `fake` with fast retries; `options` override. */
export function clientOf(fake: FakeWeChat, options: Partial<WeChatClientOptions> = {}) {
  return createWeChatClient({
    appId: APP_ID,
    appSecret: APP_SECRET,
    baseUrl: fake.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 2_000,
    ...options,
  });
}

/** The error `promise` rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, got a value');
}
