/**
 * Live runs (`pnpm contract <id> --target <url>` for a provider whose client we drive): the
 * provider's run drives the real client through Prism's proxy mode (validating both directions,
 * `--errors`) to a live or recorded service, records every exchange, and checks each against the
 * spec with Ajv as well. This file holds what every live run shares: the rows and their printing.
 */
import { ExchangeChecker, type Operation, type RecordedExchange } from './exchange.js';

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

/**
 * The spec's path key of a request: its path by default; a provider whose operations share one
 * path (told apart by a body field, keyed `<path>#<name>` in its spec) passes its own.
 */
export type PathKeyOf = (exchange: RecordedExchange) => string;

const pathOnly: PathKeyOf = (ex) => new URL(ex.request.url).pathname;

function operationOf(
  doc: { paths: Record<string, Record<string, unknown>> },
  ex: RecordedExchange,
  pathKeyOf: PathKeyOf,
): Operation | undefined {
  const method = ex.request.method.toLowerCase();
  const key = pathKeyOf(ex);
  return doc.paths[key]?.[method] ? { pathKey: key, method } : undefined;
}

export function rowsFor(
  doc: { paths: Record<string, Record<string, unknown>> },
  exchanges: RecordedExchange[],
  clientVerdict: string,
  pathKeyOf: PathKeyOf = pathOnly,
): LiveRow[] {
  const checker = new ExchangeChecker(doc as never);
  return exchanges.map((ex, i) => {
    const op = operationOf(doc, ex, pathKeyOf);
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

/** The verdict of the client's call: `ok`, or the error's name and message. */
export async function verdictOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** Prints the rows (a line each, or JSON) and returns the exit code: 1 when a row failed or none ran. */
export function printLive(rows: LiveRow[], context: { provider: string; target: string; json: boolean }): number {
  const failed = rows.filter((r) => !r.pass).length;
  if (context.json)
    console.log(
      JSON.stringify(
        { provider: context.provider, target: context.target, rows, passed: rows.length - failed, failed },
        null,
        2,
      ),
    );
  else {
    for (const r of rows) {
      console.log(`${r.pass ? 'PASS' : 'FAIL'}  ${r.operation}  HTTP ${r.status}  client: ${r.client}`);
      for (const v of r.prism) console.log(`      prism: ${v}`);
      for (const v of r.schema) console.log(`      schema: ${v}`);
    }
    console.log(`\n${rows.length - failed} passed, ${failed} failed`);
  }
  return failed || rows.length === 0 ? 1 : 0;
}
