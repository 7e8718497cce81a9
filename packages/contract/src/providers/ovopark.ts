/**
 * `pnpm contract ovopark --target <url>`: mobileLogin then searchPos through Prism's validating
 * proxy (with the `_mt` routing both ways) to a live or recorded Ovopark gateway.
 */
import { startValidatingProxy } from '@orderkit/mock-server';
import { createOvoparkClient, MOCK_CREDENTIALS, spec } from '@orderkit/ovopark';
import { type RecordedExchange, recordingFetch } from '../exchange.js';
import { type LiveRow, printLive, rowsFor, verdictOf } from '../live.js';
import { type ContractProvider, UsageError } from '../provider.js';

/** The gateway has one URL; the spec keys each method `/cloud.api#<_mt>`. */
const pathKeyOf = (ex: RecordedExchange): string => {
  const path = new URL(ex.request.url).pathname;
  return path === '/cloud.api' ? `${path}#${new URLSearchParams(ex.request.body).get('_mt')}` : path;
};

export async function runOvoparkLive(options: {
  target: string;
  depId: number;
  from: string;
  to: string;
  env?: NodeJS.ProcessEnv;
}): Promise<LiveRow[]> {
  const env = options.env ?? process.env;
  const proxy = await startValidatingProxy({ provider: 'ovopark', upstream: options.target });
  try {
    const rec = recordingFetch();
    const client = createOvoparkClient({
      // Unset: the credentials the local mock accepts.
      akey: env.OVOPARK_AKEY ?? MOCK_CREDENTIALS.akey,
      secret: env.OVOPARK_SECRET ?? MOCK_CREDENTIALS.secret,
      account: env.OVOPARK_ACCOUNT ?? MOCK_CREDENTIALS.account,
      password: env.OVOPARK_PASSWORD ?? MOCK_CREDENTIALS.password,
      // A cloud.api application has its own AppId; unset means the client's default (S107).
      ...(env.OVOPARK_AID ? { aid: env.OVOPARK_AID } : {}),
      baseUrl: proxy.url,
      fetch: rec.fetch as never,
      retry: { maxAttempts: 1 },
    });
    const verdict = await verdictOf(() =>
      client.searchPos({
        depId: options.depId,
        startTime: options.from,
        endTime: options.to,
        pageNumber: 1,
        pageSize: 100,
      }),
    );
    return rowsFor(spec as never, rec.exchanges, verdict, pathKeyOf);
  } finally {
    await proxy.stop();
  }
}

export const contractProvider: ContractProvider = {
  help: `  ovopark  drives the Ovopark client through Prism's validating proxy to --target
    --dep-id <id> --from "yyyy-MM-dd HH:mm:ss" --to "…"; credentials from $OVOPARK_*`,
  options: { 'dep-id': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  async run({ target, values, json, env }) {
    const depId = Number(values['dep-id'] ?? '1001');
    if (!Number.isInteger(depId)) throw new UsageError(`--dep-id ${String(values['dep-id'])} is not an integer`);
    const rows = await runOvoparkLive({
      target,
      depId,
      from: (values.from as string | undefined) ?? '2024-01-01 11:00:00',
      to: (values.to as string | undefined) ?? '2024-01-01 12:00:00',
      env,
    });
    return printLive(rows, { provider: 'ovopark', target, json });
  },
};
