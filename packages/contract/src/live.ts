/**
 * `pnpm contract wechat|ovopark --target <url>`: drives the real client through Prism's proxy mode
 * (validating both directions, `--errors`) to a live or recorded service, records every exchange,
 * and checks each against the spec with Ajv as well.
 */
import { startValidatingProxy } from '@orderkit/mock-server';
import { createWeChatClient, spec as wechatSpec } from '@orderkit/wechat';
import { ExchangeChecker, recordingFetch, type Operation, type RecordedExchange } from './exchange.js';

export interface LiveRow {
  operation: string;
  status: number;
  /** What Prism said: `ok`, or its violations. */
  prism: string[];
  /** What the Ajv check said. */
  schema: string[];
  /** The client's own verdict (a typed error, or ok). */
  client: string;
  pass: boolean;
}

/** Prism reports violations in a problem body (`--errors`) or, without it, in `sl-violations`. */
function prismViolations(ex: RecordedExchange): string[] {
  const header = ex.response.headers['sl-violations'];
  if (header) {
    try {
      return (JSON.parse(header) as Array<{ location?: string[]; message: string }>).map(
        (v) => `${(v.location ?? []).join('.')} ${v.message}`,
      );
    } catch {
      return [header];
    }
  }
  if ((ex.response.headers['content-type'] ?? '').includes('application/problem+json')) {
    try {
      const problem = JSON.parse(ex.response.body) as {
        title?: string;
        detail?: string;
        validation?: Array<{ location?: string[]; message: string }>;
      };
      return problem.validation?.length
        ? problem.validation.map((v) => `${(v.location ?? []).join('.')} ${v.message}`)
        : [`${problem.title ?? 'problem'}: ${problem.detail ?? ''}`.trim()];
    } catch {
      return ['Prism answered a problem that is not JSON'];
    }
  }
  return [];
}

function operationOf(
  doc: { paths: Record<string, Record<string, unknown>> },
  ex: RecordedExchange,
): Operation | undefined {
  const url = new URL(ex.request.url);
  const method = ex.request.method.toLowerCase();
  if (url.pathname === '/cloud.api') {
    const mt = new URLSearchParams(ex.request.body).get('_mt');
    const key = `/cloud.api#${mt}`;
    return doc.paths[key]?.[method] ? { pathKey: key, method } : undefined;
  }
  return doc.paths[url.pathname]?.[method] ? { pathKey: url.pathname, method } : undefined;
}

export function rowsFor(
  doc: { paths: Record<string, Record<string, unknown>> },
  exchanges: RecordedExchange[],
  clientVerdict: string,
): LiveRow[] {
  const checker = new ExchangeChecker(doc as never);
  return exchanges.map((ex, i) => {
    const op = operationOf(doc, ex);
    const operationId = op
      ? String((doc.paths[op.pathKey]![op.method] as { operationId?: string }).operationId)
      : `${ex.request.method} ${new URL(ex.request.url).pathname}`;
    const prism = prismViolations(ex);
    const schema = op ? checker.check(op, ex) : ['no operation in the spec matches this request'];
    const client = i === exchanges.length - 1 ? clientVerdict : 'ok';
    return {
      operation: operationId,
      status: ex.response.status,
      prism,
      schema,
      client,
      pass: prism.length === 0 && schema.length === 0,
    };
  });
}

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
      fetch: (request, init) => rec.fetch(request, init),
      retry: { maxAttempts: 1 },
    });
    let verdict = 'ok';
    try {
      await client.getOrder(options.orderId);
    } catch (error) {
      verdict = `${(error as Error).name}: ${(error as Error).message}`;
    }
    return rowsFor(wechatSpec as never, rec.exchanges, verdict);
  } finally {
    await proxy.stop();
  }
}
