import { startValidatingProxy } from '@orderkit/mock-server';
import { createOvoparkClient, spec as ovoparkSpec } from '@orderkit/ovopark';
import { recordingFetch } from './exchange.js';
import { rowsFor, type LiveRow } from './live.js';

/** mobileLogin then searchPos through Prism's validating proxy (with the `_mt` routing both ways). */
export async function runOvoparkLive(options: {
  target: string;
  depId: number;
  from: string;
  to: string;
}): Promise<LiveRow[]> {
  const proxy = await startValidatingProxy({ provider: 'ovopark', upstream: options.target });
  try {
    const rec = recordingFetch();
    const client = createOvoparkClient({
      akey: process.env.OVOPARK_AKEY ?? 'demo_akey',
      secret: process.env.OVOPARK_SECRET ?? 'mock-ovopark-secret',
      account: process.env.OVOPARK_ACCOUNT ?? 'demo',
      password: process.env.OVOPARK_PASSWORD ?? 'mock-password',
      // A cloud.api application has its own AppId; unset means the client's default (S107).
      ...(process.env.OVOPARK_AID ? { aid: process.env.OVOPARK_AID } : {}),
      baseUrl: proxy.url,
      fetch: rec.fetch as never,
      retry: { maxAttempts: 1 },
    });
    let verdict = 'ok';
    try {
      await client.searchPos({
        depId: options.depId,
        startTime: options.from,
        endTime: options.to,
        pageNumber: 1,
        pageSize: 100,
      });
    } catch (error) {
      verdict = `${(error as Error).name}: ${(error as Error).message}`;
    }
    return rowsFor(ovoparkSpec as never, rec.exchanges, verdict);
  } finally {
    await proxy.stop();
  }
}
