/**
 * The behaviour layer: how a provider's mock answers like the provider (tokens, signatures, quotas,
 * per-id answers, faults on demand) while Prism stays the contract engine.
 *
 *   client ──▶ front ──▶ Prism (routes, validates the request) ──▶ backend ──▶ Prism (validates
 *              the answer, or mocks it from a named spec example) ──▶ client
 *
 * One process, one HTTP hop: Prism runs as a library (`prism-engine.ts`: @stoplight/prism-http, the
 * engine of `prism proxy --errors`) with the backend as its upstream.
 * - The **backend** is the provider's state machine (`src/providers/<id>-behaviour.ts`): it reads a
 *   request Prism accepted and answers as the provider would — its own answer, or `example(name)`
 *   to have Prism answer from that example of the spec. It never talks to the client directly.
 * - **Prism** validates every request before the backend sees it and every answer before the client
 *   sees it (an off-contract answer becomes Prism's RFC 7807 `VIOLATIONS` error, so a mock bug
 *   cannot pass as a provider answer). The mocks cannot drift from the specs.
 * - The **front** reads the request once (bounded size, bounded time), applies the transport faults
 *   a client asked for (`Prefer: fault=slow|truncate|5xx`), and lets the provider answer in band
 *   what Prism's request validation would refuse but the real service answers with a code in HTTP
 *   200 (a missing `access_token`, a missing `_mt`, a malformed body): `front` hook; Prism still
 *   checks such an answer against the operation the request routes to. The in-band
 *   faults (`busy`, `expire-token`, `quota`) are the backend's: they are provider answers and go
 *   through Prism like any other.
 *
 * Faults are asked for with RFC 7240 preferences, e.g. `Prefer: fault=busy` or
 * `Prefer: fault=slow, delay=1500`; the backend finds the asked one in `MockRequest.fault`. The
 * backend gets the exact bytes the client sent (a provider that signs them needs them), and the
 * client gets the exact bytes the backend answered, once Prism has validated their parsed form.
 */
import http from 'node:http';
import { loadPrismEngine } from './prism-engine.js';

/** The faults every mock understands (the in-band ones answered the provider's own way). */
export const FAULTS = ['busy', 'expire-token', 'quota', 'slow', 'truncate', '5xx'] as const;
export type Fault = (typeof FAULTS)[number];
/** Default delay of `fault=slow` (ms); `Prefer: fault=slow, delay=<ms>` changes it (at most 60 s). */
export const DEFAULT_SLOW_MS = 3_000;
const MAX_SLOW_MS = 60_000;
/** Largest request body the front reads; a bigger one gets 413. */
const MAX_BODY = 1024 * 1024;
/** A request whose body has not fully arrived after this long is answered (never a hang). */
const BODY_TIMEOUT_MS = 1_000;

export interface MockRequest {
  method: string;
  /** Path and query as the client sent them (a provider's `route` changes only what Prism routes on). */
  url: URL;
  headers: http.IncomingHttpHeaders;
  /** The body bytes the client sent (not a re-serialized copy: signatures are over these). */
  body: Buffer;
  /** The fault the client asked for (`Prefer: fault=…`), if any. */
  fault?: Fault;
}

export interface MockAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

/** The backend's choice of one of the spec's examples (by name), which Prism answers itself. */
export interface SpecExample {
  example: string;
  /** The response status the example is under (default 200). */
  status?: number;
}

/** Prism answers with the spec's example `name` (under `status`, default 200), validated like any. */
export const example = (name: string, status = 200): SpecExample => ({ example: name, status });

/** A provider's behaviour: its answer to a request Prism found valid. */
export type Backend = (request: MockRequest) => MockAnswer | SpecExample | Promise<MockAnswer | SpecExample>;
/** An in-band answer before Prism (what request validation would refuse), or undefined to forward. */
export type Front = (request: MockRequest) => MockAnswer | undefined | Promise<MockAnswer | undefined>;

/** JSON answer helper (HTTP 200 unless given). */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): MockAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

/** A problem with the client's own use of the mock (not a provider answer): 400, plain text. */
const mockUsage = (message: string): MockAnswer => ({
  status: 400,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'x-orderkit-mock': 'usage' },
  body: `orderkit mock: ${message}\n`,
});

export type Preferences = { fault?: Fault; delayMs: number; error?: string };

/** Reads `Prefer` (RFC 7240: comma-separated `token[=value]`, parameters after `;` ignored). */
export function parsePrefer(header: string | string[] | undefined): Preferences {
  const out: Preferences = { delayMs: DEFAULT_SLOW_MS };
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of text.split(',')) {
    const pref = part.split(';')[0] ?? '';
    const eq = pref.indexOf('=');
    const name = (eq < 0 ? pref : pref.slice(0, eq)).trim().toLowerCase();
    const value =
      eq < 0
        ? ''
        : pref
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1');
    if (name === 'fault') {
      if (!(FAULTS as readonly string[]).includes(value)) {
        out.error = `Prefer: fault=${value} is not a fault this mock knows; use one of ${FAULTS.join(', ')}`;
      } else out.fault = value as Fault;
    } else if (name === 'delay') {
      const ms = Number(value);
      if (!Number.isInteger(ms) || ms < 0 || ms > MAX_SLOW_MS)
        out.error = `Prefer: delay=${value} must be a whole number of milliseconds, 0 to ${MAX_SLOW_MS}`;
      else out.delayMs = ms;
    }
  }
  return out;
}

type BodyRead = { body: Buffer } | { answer: MockAnswer };

/** Reads the body: at most `MAX_BODY` bytes, within `BODY_TIMEOUT_MS` of the headers. */
function readBody(req: http.IncomingMessage): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyRead) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          answer: mockUsage(
            `the request body did not arrive within ${BODY_TIMEOUT_MS} ms (${size} bytes read; is content-length right?)`,
          ),
        }),
      BODY_TIMEOUT_MS,
    );
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) finish({ answer: { ...mockUsage('request body over 1 MiB'), status: 413 } });
      else chunks.push(chunk);
    });
    req.on('end', () => finish({ body: Buffer.concat(chunks) }));
    req.on('error', () => finish({ answer: mockUsage('the request was cut off') }));
  });
}

function send(res: http.ServerResponse, answer: MockAnswer): void {
  if (res.headersSent || res.destroyed) return;
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
  res.end(body);
}

async function listen(server: http.Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as { port: number };
  return `http://${host}:${address.port}`;
}

const close = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export interface BehaviourMockOptions {
  /** The spec Prism validates against: the bundle's path, or a provider's derived document. */
  spec: string | object;
  host: string;
  /** The port clients use (never 0 here: already chosen). */
  port: number;
  backend: Backend;
  /** The faults this provider can answer (default: all); another gets a 400 naming these. */
  faults?: readonly Fault[];
  /** In-band answers before Prism; also where a provider rewrites the path Prism routes on. */
  front?: Front;
  /** Rewrites the path (and query) Prism routes on (e.g. a gateway that picks the method by a form field). */
  route?(request: MockRequest): string;
  onLog?: (line: string) => void;
}

export interface RunningBehaviourMock {
  url: string;
  stop(): Promise<void>;
}

/** A bug in the mock itself: said plainly to the client (no stack trace), logged in full. */
function internalError(where: string, req: http.IncomingMessage, error: unknown, onLog?: (line: string) => void) {
  onLog?.(`${where} error on ${req.method} ${req.url}: ${(error as Error).stack ?? error}`);
  return { ...mockUsage(`internal error in the mock: ${(error as Error).message}`), status: 500 };
}

/** Loads the spec into Prism and serves front → Prism → backend on `port`. */
export async function startBehaviourMock(options: BehaviourMockOptions): Promise<RunningBehaviourMock> {
  const engine = await loadPrismEngine(options.spec);
  const server = http.createServer(async (req, res) => {
    const read = await readBody(req);
    if ('answer' in read) return send(res, read.answer);
    const prefs = parsePrefer(req.headers.prefer);
    if (prefs.error) return send(res, mockUsage(prefs.error));
    if (prefs.fault && options.faults && !options.faults.includes(prefs.fault))
      return send(res, mockUsage(`this mock has no fault=${prefs.fault}; it has ${options.faults.join(', ')}`));
    const request: MockRequest = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', 'http://mock.invalid'),
      headers: req.headers,
      body: read.body,
      fault: prefs.fault,
    };
    if (prefs.fault === 'slow') await new Promise((r) => setTimeout(r, prefs.delayMs));
    if (res.destroyed) return;
    if (prefs.fault === '5xx')
      return send(res, {
        status: 503,
        headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '1' },
        body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
      });
    let answer: MockAnswer;
    try {
      const routed = options.route ? new URL(options.route(request), 'http://mock.invalid') : request.url;
      const asPrismSees = {
        method: request.method,
        path: routed.pathname,
        query: routed.searchParams,
        headers: req.headers,
        body: read.body,
      };
      // An in-band answer skips Prism's request checks, not its answer check.
      const early = await options.front?.(request);
      if (early) return send(res, engine.check(asPrismSees, early));
      const backend = async () => {
        try {
          return await options.backend(request);
        } catch (error) {
          options.onLog?.(`backend error on ${req.method} ${req.url}: ${(error as Error).stack ?? error}`);
          throw error;
        }
      };
      answer = await engine.answer(asPrismSees, backend);
    } catch (error) {
      return send(res, internalError('front', req, error, options.onLog));
    }
    if (prefs.fault === 'truncate') {
      // The whole length announced, half the body sent, then the connection dropped.
      const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setImmediate(() => res.destroy());
      return;
    }
    send(res, answer);
  });
  server.keepAliveTimeout = 30_000;
  const url = await listen(server, options.port, options.host);
  return { url, stop: () => close(server) };
}

/**
 * A small deterministic PRNG (mulberry32) seeded from `pnpm mock --seed` and a key (an order id, a
 * store id and window): the same seed and key give the same data on every run and machine.
 */
export function seeded(seed: number, key: string): () => number {
  let h = seed >>> 0 || 1;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x5bd1e995) >>> 0;
  let a = h;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
