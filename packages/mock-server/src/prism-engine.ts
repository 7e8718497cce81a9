/**
 * Prism as a library, in the mock's own process: the same engine `prism proxy --errors` runs
 * (@stoplight/prism-http, the version prism-cli ships), with the provider's backend as its upstream
 * instead of an HTTP server behind it.
 *
 * Prism's own pipeline decides every answer: it routes the request, checks its security and
 * validates it (an invalid request never reaches the backend: Prism's 401/422), asks the backend
 * (the `forward` component), or — when the backend names one of the spec's examples — mocks the
 * answer from that example itself (Prism's "remock" path), then validates the answer against the
 * operation; an answer with error violations becomes Prism's `VIOLATIONS` problem (500), warnings go
 * to `sl-violations`, as prism-http-server does with `--errors`.
 *
 * What this saves over the CLI (a Prism process between a front and a backend server): two loopback
 * hops and their serializations per request; what stays the same is Prism's routing, validation and
 * mocking code.
 */
import { createRequire } from 'node:module';
import type { IncomingHttpHeaders } from 'node:http';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { MockAnswer, SpecExample } from './behaviour.js';

const require = createRequire(import.meta.url);

// prism-http is CommonJS; its types name modules pnpm does not link here, so the shapes used are
// declared below (a subset of `@stoplight/prism-http`'s own types).
type NameValues = Record<string, string | string[]>;
interface HttpRequest {
  method: string;
  url: { path: string; baseUrl?: string; query: NameValues };
  headers: Record<string, string>;
  body: unknown;
}
interface HttpResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: unknown;
}
interface Validation {
  path?: string[];
  code?: string | number;
  message: string;
  /** DiagnosticSeverity: 0 error, 1 warning, 2 information, 3 hint. */
  severity: number;
}
interface ProblemError extends Error {
  status?: number;
  detail?: string;
  additional?: { headers?: Record<string, string> } & Record<string, unknown>;
}
interface MockConfig {
  dynamic: boolean;
  exampleKey?: string;
  code?: number;
}
interface PrismResult {
  output: HttpResponse;
  validations: { input: Validation[]; output: Validation[] };
}
type Forward = (
  input: { data: HttpRequest; validations: Validation[] },
  baseUrl: string,
) => (logger: unknown) => TE.TaskEither<Error, HttpResponse>;
type Route = (args: { resources: unknown[]; input: HttpRequest }) => E.Either<Error, unknown>;
interface PrismHttp {
  getHttpOperationsFromSpec(spec: string | object): Promise<unknown[]>;
  createInstance(
    config: Record<string, unknown>,
    components: { logger: unknown; forward: Forward },
  ): {
    request(
      input: HttpRequest,
      operations: unknown[],
      config?: Record<string, unknown>,
    ): TE.TaskEither<ProblemError, PrismResult>;
  };
  ProblemJsonError: {
    fromTemplate(
      template: { type: string; title: string; status: number },
      detail?: string,
      additional?: Record<string, unknown>,
    ): ProblemError;
    toProblemJson(error: ProblemError): unknown;
  };
  VIOLATIONS: { type: string; title: string; status: number };
}
const prismHttp = require('@stoplight/prism-http') as PrismHttp;
const { createUnauthorisedResponse, createUnprocessableEntityResponse } =
  require('@stoplight/prism-http/dist/mocker/index.js') as {
    createUnauthorisedResponse(tags?: string[]): ProblemError;
    createUnprocessableEntityResponse(validations: Validation[]): ProblemError;
  };
const route = (require('@stoplight/prism-http/dist/router/index.js') as { default: Route }).default;
const { validateOutput } = require('@stoplight/prism-http/dist/validator/index.js') as {
  validateOutput(args: { resource: unknown; element: HttpResponse }): E.Either<Validation[], HttpResponse>;
};
const { UPSTREAM_NOT_IMPLEMENTED } = require('@stoplight/prism-http/dist/forwarder/errors.js') as {
  UPSTREAM_NOT_IMPLEMENTED: { type: string; title: string; status: number };
};

/** Prism's logger interface, silenced: the mock logs its own events (`--verbose`). */
const quiet: Record<string, unknown> = {};
for (const level of ['trace', 'debug', 'info', 'success', 'warn', 'error', 'fatal']) quiet[level] = () => {};
quiet.child = () => quiet;

/** What the backend gives the engine: its own answer (bytes kept as sent), or a spec example by name. */
export type EngineAnswer = MockAnswer | SpecExample;

export interface EngineRequest {
  method: string;
  /** The path Prism routes on (a provider may rewrite it) and the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The answer on the wire: status, headers, body bytes. */
export interface EngineOutput {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const isJson = (contentType: string | undefined) => JSON_TYPE.test(contentType ?? '');
const MAX_VIOLATIONS_HEADER = 8 * 1024 - 100;
/** @stoplight/types' DiagnosticSeverity names, as Prism prints them. */
const SEVERITY = ['Error', 'Warning', 'Information', 'Hint'];

function nameValues(query: URLSearchParams): NameValues {
  const out: NameValues = {};
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key);
    out[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The request as Prism's engine takes it (as prism-http-server builds it from node:http). */
const inputOf = (request: EngineRequest, body: unknown): HttpRequest => ({
  method: request.method.toLowerCase(),
  url: { path: request.path, query: nameValues(request.query) },
  headers: flatHeaders(request.headers),
  body,
});

const problem = (error: ProblemError, extra: Record<string, string> = {}): EngineOutput => ({
  status: error.status || 500,
  headers: { ...extra, ...error.additional?.headers, 'content-type': 'application/problem+json' },
  body: Buffer.from(JSON.stringify(prismHttp.ProblemJsonError.toProblemJson(error))),
});

const bytesOf = (body: string | Uint8Array) => (typeof body === 'string' ? Buffer.from(body) : Buffer.from(body));

/** A provider's own answer as Prism sees an upstream's: lower-case headers, a JSON body parsed. */
function parsed(answer: MockAnswer): E.Either<Error, HttpResponse> {
  const headers = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  let body: unknown = bytesOf(answer.body).toString('utf8');
  if (answer.status !== 204 && isJson(headers['content-type'])) {
    try {
      body = JSON.parse(body as string);
    } catch (error) {
      return E.left(error as Error);
    }
  }
  return E.right({ statusCode: answer.status, headers, body });
}

/**
 * What prism-http-server makes of the violations: all of them in `sl-violations`, and an answer with
 * error violations replaced by Prism's `VIOLATIONS` problem (500).
 */
function verdict(input: Validation[], output: Validation[]): { extra: Record<string, string>; refused?: EngineOutput } {
  const named = (where: string) => (v: Validation) => ({
    location: [where, ...(v.path ?? [])],
    severity: SEVERITY[v.severity] ?? String(v.severity),
    code: v.code,
    message: v.message,
  });
  const violations = [...input.map(named('request')), ...output.map(named('response'))];
  if (violations.length === 0) return { extra: {} };
  let value = JSON.stringify(violations);
  if (value.length > MAX_VIOLATIONS_HEADER) value = `Too many violations! ${value.slice(0, MAX_VIOLATIONS_HEADER)}`;
  const extra = { 'sl-violations': value };
  const errors = violations.filter((v) => v.location[0] === 'response' && v.severity === 'Error');
  if (errors.length === 0) return { extra };
  const error = prismHttp.ProblemJsonError.fromTemplate(
    prismHttp.VIOLATIONS,
    'the mock answered off the contract: Prism found the violations listed under `validation` (a bug in the mock, not a provider answer)',
    { validation: errors },
  );
  return { extra, refused: problem(error, extra) };
}

export interface PrismEngine {
  /**
   * Prism's answer to `request`: `backend` is asked only when Prism routed and accepted the
   * request; whatever it gives is validated before it is returned.
   */
  answer(request: EngineRequest, backend: () => Promise<EngineAnswer>): Promise<EngineOutput>;
  /**
   * An answer given without asking Prism (the provider's in-band answer to what Prism would refuse),
   * checked against the operation the request routes to: returned as it is when it fits (or when no
   * operation matches: nothing to check it against), else Prism's `VIOLATIONS` problem.
   */
  check(request: EngineRequest, answer: MockAnswer): EngineOutput;
}

/** Loads a spec (file path or document) into a Prism that validates requests and answers (`--errors`). */
export async function loadPrismEngine(spec: string | object): Promise<PrismEngine> {
  const operations = await prismHttp.getHttpOperationsFromSpec(typeof spec === 'string' ? spec : structuredClone(spec));
  if (operations.length === 0)
    throw new Error(`no operations in ${typeof spec === 'string' ? spec : 'the spec'}: is it an OpenAPI document?`);
  /** Per request: its backend, and the bytes of the backend's own answer (sent as they are). */
  const pending = new WeakMap<HttpRequest, { backend: () => Promise<EngineAnswer>; mock: MockConfig; sent?: Buffer }>();

  const forward: Forward =
    ({ data, validations }) =>
    () =>
    async () => {
      // As Prism's own forwarder: an invalid request is Prism's 401 or 422, the backend never sees it.
      if (validations.length > 0) {
        const security = validations.find((v) => v.code === 401) as (Validation & { tags?: string[] }) | undefined;
        return E.left(
          security ? createUnauthorisedResponse(security.tags) : createUnprocessableEntityResponse(validations),
        );
      }
      const slot = pending.get(data);
      if (!slot) return E.left(new Error('prism-engine: a request without its backend'));
      let answer: EngineAnswer;
      try {
        answer = await slot.backend();
      } catch (error) {
        return E.left(error as Error);
      }
      if ('example' in answer) {
        // Prism answers from the named example itself (its remock path for a 501 upstream).
        slot.mock.exampleKey = answer.example;
        slot.mock.code = answer.status ?? 200;
        return E.left(prismHttp.ProblemJsonError.fromTemplate(UPSTREAM_NOT_IMPLEMENTED));
      }
      slot.sent = bytesOf(answer.body);
      return parsed(answer);
    };

  const prism = prismHttp.createInstance(
    {
      isProxy: true,
      upstream: new URL('http://backend.invalid'),
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: true,
      mock: { dynamic: false },
    },
    { logger: quiet, forward },
  );

  return {
    async answer(request, backend) {
      const contentType = request.headers['content-type'];
      let body: unknown = null;
      if (request.body.length > 0) {
        body = request.body.toString('utf8');
        if (isJson(contentType)) {
          try {
            body = JSON.parse(body as string);
          } catch {
            return {
              status: 400,
              headers: { 'content-type': 'application/problem+json' },
              body: Buffer.from(
                JSON.stringify({
                  type: 'about:blank',
                  title: 'Invalid JSON',
                  status: 400,
                  detail: 'the body is not JSON',
                }),
              ),
            };
          }
        }
      }
      const input = inputOf(request, body);
      const mock: MockConfig = { dynamic: false };
      const slot: { backend: () => Promise<EngineAnswer>; mock: MockConfig; sent?: Buffer } = { backend, mock };
      pending.set(input, slot);
      const result = await prism.request(input, operations, { mock })();
      if (E.isLeft(result)) return problem(result.left);
      const { output, validations } = result.right;
      const { extra, refused } = verdict(validations.input, validations.output);
      if (refused) return refused;
      // Prism's mocked answers may name a header in two cases (`Content-type`, `content-type`): one each.
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(output.headers ?? {})) headers[k.toLowerCase()] = v;
      Object.assign(headers, extra);
      if (slot.sent) return { status: output.statusCode, headers, body: slot.sent };
      const type = headers['content-type'];
      const text =
        typeof output.body === 'string' ? output.body : output.body === undefined ? '' : JSON.stringify(output.body);
      if (!type && output.body !== undefined && typeof output.body !== 'string')
        headers['content-type'] = 'application/json';
      return { status: output.statusCode, headers, body: Buffer.from(text) };
    },
    check(request, answer) {
      // The router reads no body: the text, unparsed (an in-band answer may be to malformed JSON).
      const input = inputOf(request, request.body.length > 0 ? request.body.toString('utf8') : null);
      const as = { status: answer.status, headers: { ...answer.headers }, body: bytesOf(answer.body) };
      const resource = route({ resources: operations, input });
      if (E.isLeft(resource)) return as;
      const response = parsed(answer);
      if (E.isLeft(response)) return problem(response.left);
      const checked = validateOutput({ resource: resource.right, element: response.right });
      const { extra, refused } = verdict([], E.isLeft(checked) ? checked.left : []);
      return refused ?? { ...as, headers: { ...as.headers, ...extra } };
    },
  };
}
