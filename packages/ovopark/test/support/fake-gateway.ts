/**
 * An in-process stand-in for Ovopark's gateway on 127.0.0.1: it parses the form body, checks
 * `_sig` with this file's own signing code (not the package's), and answers like the gateway as
 * the SDKs read it — HTTP 200 with a `stat` envelope whose `code` and `systime` are numbers, the
 * login token required in the `authenticator` header (else `9990001 TOKEN_NOT_EXIST`) — unless a
 * test's handler says otherwise.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  contentType: string | undefined;
  raw: string;
  params: Record<string, string>;
  /** Whether `_sig` is what this file computes from the other fields and the secret. */
  signatureValid: boolean;
  mt: string | undefined;
}

export interface Reply {
  status?: number;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  delayMs?: number;
  contentType?: string;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

export type Handler = (req: SeenRequest, n: { all: number; mt: number }) => Reply | Promise<Reply>;

/** The test's own rendering of the SDK's algorithm. */
export function referenceSignature(params: Record<string, string>, secret: string): string {
  const names = Object.keys(params).filter((n) => n !== '_sig');
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let text = secret;
  for (const name of names) text += name + params[name];
  text += secret;
  const algorithm = params._sm === 'sha1' ? 'sha1' : 'md5';
  return createHash(algorithm).update(Buffer.from(text, 'utf8')).digest('hex').toUpperCase();
}

/** The envelope as the gateway sends it: `stat.code` and `stat.systime` are numbers (the SDKs read int and long). */
export const envelope = (
  code: string | number,
  data: unknown = null,
  result = String(code) === '0' ? 'ok' : 'error',
  codename?: string,
) => ({
  stat: {
    cid: `cid-${Math.random().toString(36).slice(2, 10)}`,
    code: Number(code),
    codename: codename ?? String(code),
    systime: Date.now(),
  },
  result,
  data,
});

/** The envelope as the documentation pages list it: `stat.code` and `stat.systime` as strings. */
export const stringEnvelope = (code: string, data: unknown = null, result = code === '0' ? 'ok' : 'error') => ({
  stat: { cid: 'cid-strings', code, codename: code, systime: String(Date.now()) },
  result,
  data,
});

export const TOKEN_NOT_EXIST = '9990001';

export const ticket = (ticketId: string, depId = 1001, extra: Record<string, unknown> = {}) => ({
  ticketId,
  depId,
  ticketTime: '2024-01-01 11:05:00',
  totalAmount: 10,
  ...extra,
});

export const page = (content: unknown[], total = content.length, pageNumber = 1, pageSize = 100) => ({
  total,
  pageNumber,
  pageSize,
  content,
});

export const SEARCH_POS = 'open.ovopark.pos.searchPos';
export const MOBILE_LOGIN = 'open.shopweb.security.mobileLogin';

export interface FakeGateway {
  url: string;
  requests: SeenRequest[];
  /** Highest number of searchPos requests open at the same time. */
  maxInFlight: number;
  count(mt: string): number;
  /** How many requests have arrived since the start (a fake clock's view: ./clock.ts). */
  readonly arrivals: number;
  /** Whether the answer to request number `index` (0-based, in order of arrival) is held back (`delayMs`). */
  holds(index: number): boolean;
  close(): Promise<void>;
}

/**
 * Starts the fake. Without a handler it logs in with token `tok-<n>` and answers searchPos with an
 * empty page; a wrong signature is answered `7 SIGN_WRONG` as the gateway does.
 */
export async function startFakeGateway(secret: string, handler?: Handler): Promise<FakeGateway> {
  const requests: SeenRequest[] = [];
  const perMt = new Map<string, number>();
  let inFlight = 0;
  const state = { maxInFlight: 0 };
  const sockets = new Set<import('node:net').Socket>();
  const arrivals: Array<{ held: boolean }> = [];

  const server = http.createServer((req, res) => {
    const arrival = { held: false };
    arrivals.push(arrival);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const params = Object.fromEntries(new URLSearchParams(raw));
        const seen: SeenRequest = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          contentType: req.headers['content-type'],
          raw,
          params,
          signatureValid: params._sig === referenceSignature(params, secret),
          mt: params._mt,
        };
        requests.push(seen);
        const mtCount = (perMt.get(seen.mt ?? '') ?? 0) + 1;
        perMt.set(seen.mt ?? '', mtCount);
        const isSearch = seen.mt === SEARCH_POS;
        if (isSearch) {
          inFlight += 1;
          state.maxInFlight = Math.max(state.maxInFlight, inFlight);
        }
        try {
          let reply: Reply;
          if (!seen.signatureValid) {
            reply = { body: envelope('7', null, 'Invalid signature', 'SIGN_WRONG') };
          } else if (isSearch && !req.headers.authenticator) {
            reply = { body: envelope(TOKEN_NOT_EXIST, null, 'token not exist', 'TOKEN_NOT_EXIST') };
          } else if (handler) {
            reply = await handler(seen, { all: requests.length, mt: mtCount });
          } else if (seen.mt === MOBILE_LOGIN) {
            reply = { body: envelope('0', { token: `tok-${mtCount}`, enterpriseId: 1689 }) };
          } else {
            reply = { body: envelope('0', page([])) };
          }
          if (reply.delayMs) {
            arrival.held = true;
            await new Promise((r) => setTimeout(r, reply.delayMs));
            arrival.held = false;
          }
          if (reply.destroy) {
            req.socket.destroy();
            return;
          }
          const text =
            typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
          res.writeHead(reply.status ?? 200, {
            'content-type': reply.contentType ?? 'application/json;charset=UTF-8',
            'content-length': Buffer.byteLength(text),
          });
          res.end(text);
        } finally {
          if (isSearch) inFlight -= 1;
        }
      })();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    count: (mt) => perMt.get(mt) ?? 0,
    get arrivals() {
      return arrivals.length;
    },
    holds: (index) => arrivals[index]?.held ?? false,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Options every test client shares; the values are distinctive so a leak is easy to find. */
export const CREDENTIALS = {
  akey: 'akey-1234',
  secret: 'S3CRET-sign-secret-value',
  account: 'store-admin',
  password: 'Pl4in-Passw0rd!',
} as const;

export const PASSWORD_MD5 = createHash('md5').update(CREDENTIALS.password, 'utf8').digest('hex');

/** A fixed instant: 2024-01-01 12:00:00 in Asia/Shanghai. */
export const FIXED_NOW = new Date('2024-01-01T04:00:00Z');

/** Logs in (token `tok`); answers searchPos with what `search` says. */
export const onSearch =
  (search: Handler): Handler =>
  (req, n) =>
    req.mt === MOBILE_LOGIN ? { body: envelope('0', { token: 'tok' }) } : search(req, n);

/** Logs in as the real gateway answers (numeric code, `tok-<n>` per login, an enterpriseId); searchPos as `search` says. */
export const onSearchAfterRealLogin =
  (search: Handler): Handler =>
  (req, n) =>
    req.mt === MOBILE_LOGIN ? { body: envelope(0, { token: `tok-${n.mt}`, enterpriseId: 1689 }) } : search(req, n);
