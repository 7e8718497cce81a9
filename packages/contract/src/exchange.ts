/**
 * Recording HTTP exchanges and checking each against its operation in the bundled spec, with
 * JSON Schema 2020-12 (Ajv). Prism validates 3.1 as draft 7 and drops undeclared form fields before
 * validating, so contract tests check every exchange here as well.
 */
import { OpenApiValidator, escapePointer, resolvePointer, type OpenApiDocument } from '@orderkit/openapi-ajv';

export interface RecordedExchange {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response: { status: number; headers: Record<string, string>; body: string };
}

const headersOf = (h: Headers) => Object.fromEntries([...h.entries()].map(([k, v]) => [k.toLowerCase(), v]));

/** A `fetch` that records every request and response it carries (bodies as text). */
export function recordingFetch(inner: typeof fetch = fetch): { fetch: typeof fetch; exchanges: RecordedExchange[] } {
  const exchanges: RecordedExchange[] = [];
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.body ? await request.clone().text() : '';
    const response = await inner(request);
    const text = await response.clone().text();
    exchanges.push({
      request: { method: request.method, url: request.url, headers: headersOf(request.headers), body },
      response: { status: response.status, headers: headersOf(response.headers), body: text },
    });
    return response;
  };
  return { fetch: wrapped as typeof fetch, exchanges };
}

type Obj = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}

export interface Operation {
  /** Path key as in the spec: the path, or `<path>#<name>` where operations share one path. */
  pathKey: string;
  method: string;
}

/** Checks recorded exchanges against a bundled OpenAPI 3.1 document. */
export class ExchangeChecker {
  readonly #strict: OpenApiValidator;
  readonly #coercing: OpenApiValidator;

  constructor(readonly doc: OpenApiDocument) {
    this.#strict = new OpenApiValidator(doc);
    this.#coercing = new OpenApiValidator(doc, { coerceTypes: true });
  }

  #deref<T>(node: unknown): { node: T; pointer?: string } {
    const ref = (node as Obj | undefined)?.$ref;
    return typeof ref === 'string' ? { node: resolvePointer(this.doc, ref) as T, pointer: ref } : { node: node as T };
  }

  /** Every violation of the spec by this exchange, as one line each (empty when it conforms). */
  check(op: Operation, exchange: RecordedExchange): string[] {
    const violations: string[] = [];
    const opPointer = `#/paths/${escapePointer(op.pathKey)}/${op.method.toLowerCase()}`;
    const operation = resolvePointer(this.doc, opPointer) as Obj;
    const url = new URL(exchange.request.url);
    // A fragment (`<path>#<name>` keys of operations that share a path) never goes on the wire:
    // compare the path only.
    const wirePath = op.pathKey.split('#')[0];
    if (url.pathname !== wirePath) violations.push(`request: path ${url.pathname}, spec says ${wirePath}`);
    if (exchange.request.method.toLowerCase() !== op.method.toLowerCase()) {
      violations.push(`request: method ${exchange.request.method}, spec says ${op.method.toUpperCase()}`);
    }

    // Parameters (query and header), then the security schemes the operation requires.
    ((operation.parameters as unknown[]) ?? []).forEach((raw, i) => {
      const { node: p, pointer } = this.#deref<Parameter>(raw);
      const value =
        p.in === 'query'
          ? url.searchParams.get(p.name)
          : p.in === 'header'
            ? exchange.request.headers[p.name.toLowerCase()]
            : undefined;
      if (value === undefined || value === null) {
        if (p.required) violations.push(`request: required ${p.in} parameter ${p.name} is missing`);
        return;
      }
      const result = this.#coercing.validate(`${pointer ?? `${opPointer}/parameters/${i}`}/schema`, value);
      if (!result.valid)
        violations.push(`request: ${p.in} parameter ${p.name} ${result.issues.map((x) => x.message).join(', ')}`);
    });
    const security = (operation.security ?? this.doc.security ?? []) as Array<Record<string, unknown>>;
    if (security.length && !security.some((req) => Object.keys(req).length === 0)) {
      const schemes = (this.doc.components as Obj).securitySchemes as Record<string, Obj>;
      const satisfied = security.some((req) =>
        Object.keys(req).every((name) => {
          const s = schemes[name] as { type: string; in: string; name: string };
          if (s.type !== 'apiKey') return true;
          return s.in === 'query'
            ? url.searchParams.has(s.name)
            : s.in === 'header'
              ? s.name.toLowerCase() in exchange.request.headers
              : true;
        }),
      );
      if (!satisfied)
        violations.push(`request: credentials required by ${Object.keys(security[0] ?? {}).join(', ')} are missing`);
    }

    // Request body.
    const body = operation.requestBody ? this.#deref<Obj>(operation.requestBody) : undefined;
    if (body) {
      const contentType = (exchange.request.headers['content-type'] ?? '').split(';')[0]!.trim();
      const content = body.node.content as Record<string, unknown>;
      if (!exchange.request.body) {
        if (body.node.required) violations.push('request: required body is missing');
      } else if (!(contentType in content)) {
        violations.push(
          `request: Content-Type ${contentType || '(none)'} is not one of ${Object.keys(content).join(', ')}`,
        );
      } else {
        const schema = `${body.pointer ?? `${opPointer}/requestBody`}/content/${escapePointer(contentType)}/schema`;
        violations.push(...this.#checkBody('request', contentType, exchange.request.body, schema));
      }
    }

    // Response.
    const responses = operation.responses as Record<string, unknown>;
    const status = String(exchange.response.status);
    const declared = responses[status] ?? responses[`${status[0]}XX`] ?? responses.default;
    if (!declared) {
      violations.push(`response: status ${status} is not declared (declared: ${Object.keys(responses).join(', ')})`);
      return violations;
    }
    const response = this.#deref<Obj>(declared);
    const base = response.pointer ?? `${opPointer}/responses/${status}`;
    for (const [name, raw] of Object.entries((response.node.headers as Obj | undefined) ?? {})) {
      const { node: h, pointer } = this.#deref<{ required?: boolean }>(raw);
      const value = exchange.response.headers[name.toLowerCase()];
      if (value === undefined) {
        if (h.required) violations.push(`response: required header ${name} is missing`);
        continue;
      }
      const result = this.#strict.validate(`${pointer ?? `${base}/headers/${escapePointer(name)}`}/schema`, value);
      if (!result.valid) violations.push(`response: header ${name} ${result.issues.map((x) => x.message).join(', ')}`);
    }
    const content = response.node.content as Record<string, unknown> | undefined;
    if (content) {
      const contentType = (exchange.response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!(contentType in content)) {
        violations.push(
          `response: Content-Type ${contentType || '(none)'} is not one of ${Object.keys(content).join(', ')}`,
        );
      } else {
        const schema = `${base}/content/${escapePointer(contentType)}/schema`;
        violations.push(...this.#checkBody('response', contentType, exchange.response.body, schema));
      }
    }
    return violations;
  }

  #checkBody(side: 'request' | 'response', contentType: string, text: string, schema: string): string[] {
    let value: unknown;
    let validator = this.#strict;
    if (contentType === 'application/x-www-form-urlencoded') {
      value = Object.fromEntries(new URLSearchParams(text));
      validator = this.#coercing;
    } else if (contentType === 'application/json' || contentType === 'text/plain') {
      try {
        value = JSON.parse(text);
      } catch {
        return [`${side}: body is not JSON: ${text.slice(0, 80)}`];
      }
    } else value = text;
    const result = validator.validate(schema, value);
    return result.valid ? [] : result.issues.map((i) => `${side}: body ${i.path || '(root)'} ${i.message}`);
  }
}
