/**
 * `pnpm contract wechat --target <url>`: getOrder (and the token call before it) through Prism's
 * validating proxy to a live or recorded WeChat service.
 */
import { startValidatingProxy } from '@orderkit/mock-server';
import { createWeChatClient, MOCK_CREDENTIALS, spec } from '@orderkit/wechat';
import { recordingFetch } from '../exchange.js';
import { type LiveRow, printLive, rowsFor, verdictOf } from '../live.js';
import type { ContractProvider } from '../provider.js';

export async function runWeChatLive(options: {
  target: string;
  appId: string;
  appSecret: string;
  orderId: string;
}): Promise<LiveRow[]> {
  const proxy = await startValidatingProxy({ provider: 'wechat', upstream: options.target });
  try {
    const rec = recordingFetch();
    const client = createWeChatClient({
      appId: options.appId,
      appSecret: options.appSecret,
      baseUrl: proxy.url,
      fetch: (request) => rec.fetch(request),
      retry: { maxAttempts: 1 },
    });
    const verdict = await verdictOf(() => client.getOrder(options.orderId));
    return rowsFor(spec as never, rec.exchanges, verdict);
  } finally {
    await proxy.stop();
  }
}

export const contractProvider: ContractProvider = {
  help: `  wechat   drives the WeChat client through Prism's validating proxy to --target
    --order <orderId>          default DD2981741311549200000; credentials from
                               $WECHAT_APPID / $WECHAT_SECRET (mock ones when unset)`,
  options: { order: { type: 'string' } },
  async run({ target, values, json, env }) {
    const rows = await runWeChatLive({
      target,
      appId: env.WECHAT_APPID ?? MOCK_CREDENTIALS.appId,
      appSecret: env.WECHAT_SECRET ?? MOCK_CREDENTIALS.appSecret,
      orderId: (values.order as string | undefined) ?? 'DD2981741311549200000',
    });
    return printLive(rows, { provider: 'wechat', target, json });
  },
};
