/**
 * Issue 14: only D-Store gets in. The public face serves our D-Store endpoint and nothing else; the
 * admin face (UI, docs, JSON API) refuses cross-origin requests, strangers without the admin token
 * when one is set, and oversized bodies; the inquiry it offers goes only to allowed endpoints; and
 * every admin answer carries the security headers. Each attack is checked for what it answers AND
 * for what it left behind (nothing written, nothing sent).
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { createInquiryGuard, MAX_ANSWER_BYTES } from '../src/providers/dstore/outbound.js';
import { startStack, type Stack } from './support.js';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'test-admin-token-0123456789abcdef-XYZ';
const ENDPOINT = '/v2/pos/inquireOrderDetail';
const ADMIN_PATHS = [
  '/',
  '/app.js',
  '/app.css',
  '/api/meta',
  '/api/pos/orders',
  '/api/audit',
  '/api/dstore/inquire',
  '/api/wechat/orders',
  '/api/ovopark/search',
  '/docs/index.html',
  '/docs/dstore.html',
];

/** A raw HTTP/1.1 exchange, for what fetch cannot send (absolute-form targets, a forged Host). */
function raw(port: number, request: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    // write, not end: a half-closed socket may be closed by the server before an async answer. Connection: close ends it.
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let out = '';
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = out.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), head, body });
    });
  });
}

/** A one-line plain-text refusal: no JSON, no stack trace. */
async function expectPlainRefusal(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  const text = await res.text();
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).toMatch(new RegExp(`^${status} `));
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

/** Local servers standing in for hosts the inquiry must not reach (or must not read too much from). */
interface Trap {
  url: string;
  hits: number;
  close(): Promise<void>;
}
async function trap(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Trap> {
  const t = { url: '', hits: 0, close: async (): Promise<void> => {} };
  const server = http.createServer((req, res) => {
    t.hits += 1;
    answer(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  t.close = () => new Promise<void>((r) => server.close(() => r()));
  return t;
}

describe('without an admin token (loopback)', () => {
  let stack: Stack;
  let secret: Trap;
  let redirecting: Trap;
  let huge: Trap;
  let declaredHuge: Trap;

  beforeAll(async () => {
    secret = await trap((_req, res) => res.end('{"metadata":"secret"}'));
    redirecting = await trap((_req, res) => res.writeHead(302, { location: `${secret.url}${ENDPOINT}` }).end());
    // 2 MiB, chunked (no Content-Length): the limit must hold while reading, not only on the header.
    huge = await trap((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      for (let i = 0; i < 32; i += 1) res.write(chunk);
      res.end();
    });
    declaredHuge = await trap((_req, res) =>
      res.writeHead(200, { 'content-length': String(MAX_ANSWER_BYTES + 1) }).end(Buffer.alloc(MAX_ANSWER_BYTES + 1)),
    );
    stack = await startStack({
      DSTORE_INQUIRE_ALLOWED_ENDPOINTS: [redirecting.url, `${huge.url}${ENDPOINT}`, declaredHuge.url].join(','),
    });
  });
  afterAll(async () => {
    await stack?.stop();
    for (const t of [secret, redirecting, huge, declaredHuge]) await t?.close();
  });

  const post = (pathname: string, body: string, headers: Record<string, string>) =>
    fetch(`${stack.server.url}${pathname}`, { method: 'POST', headers, body });

  it('refuses the cross-origin simple POST of the issue (text/plain from evil.example) and stores nothing', async () => {
    const body = JSON.stringify({ requestOrderId: 'pds_csrf', posOrderId: 'EVIL', orderStatus: 'COMPLETED' });
    await expectPlainRefusal(
      await post('/api/pos/orders', body, {
        'content-type': 'text/plain;charset=UTF-8',
        origin: 'https://evil.example',
      }),
      403,
    );
    // Each check on its own: a browser that sends only one of the signals is still refused.
    await expectPlainRefusal(await post('/api/pos/orders', body, { 'content-type': 'text/plain;charset=UTF-8' }), 415);
    await expectPlainRefusal(
      await post('/api/pos/orders', body, { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
    );
    await expectPlainRefusal(
      await post('/api/pos/orders', body, { 'content-type': 'application/json', origin: 'https://evil.example' }),
      403,
    );
    await expectPlainRefusal(
      await post('/api/pos/orders', body, { 'content-type': 'application/json', origin: 'null' }),
      403,
    );
    await expectPlainRefusal(
      await post('/api/pos/orders', body, { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }),
      403,
    );
    await expectPlainRefusal(
      await post('/api/pos/orders', body, { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }),
      403,
    );
    // A cross-site page cannot read the audit either (a CORS fetch carries Sec-Fetch-Site and Origin).
    await expectPlainRefusal(
      await fetch(`${stack.server.url}/api/audit`, {
        headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', origin: 'https://evil.example' },
      }),
      403,
    );
    expect(await stack.server.store.getOrder('pds_csrf')).toBeNull();
    // No CORS: nothing invites a browser to let another origin read an answer.
    const preflight = await fetch(`${stack.server.url}/api/pos/orders`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('accepts the UI’s own same-origin JSON write, and a link from elsewhere to the UI', async () => {
    const own = new URL(stack.server.url).origin;
    const ok = await post(
      '/api/pos/orders',
      JSON.stringify({ requestOrderId: 'pds_same_origin', posOrderId: 'P-1', orderStatus: 'READY' }),
      { 'content-type': 'application/json', origin: own, 'sec-fetch-site': 'same-origin' },
    );
    expect(ok.status).toBe(201);
    expect(await stack.server.store.getOrder('pds_same_origin')).toMatchObject({ posOrderId: 'P-1' });
    // (raw: fetch itself sends Sec-Fetch-Mode: cors, whatever it is told.)
    const port = Number(new URL(stack.server.url).port);
    const navigation = await raw(
      port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\nConnection: close\r\n\r\n`,
    );
    expect(navigation.status).toBe(200);
    const crossSiteWrite = await raw(
      port,
      `POST /api/pos/orders HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    expect(crossSiteWrite.status).toBe(403);
  });

  it('refuses a DNS-rebinding Host (evil.example resolving to 127.0.0.1) without a token', async () => {
    const port = Number(new URL(stack.server.url).port);
    const r = await raw(port, `GET /api/audit HTTP/1.1\r\nHost: evil.example:${port}\r\nConnection: close\r\n\r\n`);
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('entries');
    const loopbackName = await raw(
      port,
      `GET /api/meta HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(loopbackName.status).toBe(200);
  });

  it('the public face answers 404 (one plain line) to every admin path, by any method and in absolute form', async () => {
    const pub = stack.server.endpointUrl;
    for (const p of ADMIN_PATHS) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await fetch(`${pub}${p}`, {
          method,
          ...(method === 'POST'
            ? {
                headers: { 'content-type': 'application/json' },
                body: '{"requestOrderId":"x","posOrderId":"y","orderStatus":"READY"}',
              }
            : {}),
        });
        await expectPlainRefusal(res, 404);
      }
    }
    expect(await stack.server.store.getOrder('x')).toBeNull();
    const port = Number(new URL(pub).port);
    const absoluteAdmin = await raw(
      port,
      `GET http://127.0.0.1:${new URL(stack.server.url).port}/api/audit HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(absoluteAdmin.status).toBe(404);
    expect(absoluteAdmin.body).toBe('404 not found\n');
    // Absolute form is routed by its path: the endpoint answers it (a signed F for an unsigned call).
    const absoluteEndpoint = await raw(
      port,
      `POST http://pos.example${ENDPOINT} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    expect(absoluteEndpoint.status).toBe(200);
    expect(absoluteEndpoint.head.toLowerCase()).toContain('signature: algorithm=rsa256');
    expect(JSON.parse(absoluteEndpoint.body).result.resultStatus).toBe('F');
    // A path that merely contains the endpoint's is not it.
    expect(
      (
        await raw(
          port,
          `POST http://pos.example/x${ENDPOINT} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        )
      ).status,
    ).toBe(404);
  });

  it('the public face serves the endpoint (INVALID_API for GET) and a health check; the admin face has no endpoint', async () => {
    const pub = stack.server.endpointUrl;
    const get = (await (await fetch(`${pub}${ENDPOINT}`)).json()) as { result: { resultCode: string } };
    expect(get.result.resultCode).toBe('INVALID_API');
    const health = await fetch(`${pub}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok\n');
    await expectPlainRefusal(
      await fetch(`${stack.server.url}${ENDPOINT}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      404,
    );
  });

  it('puts the security headers on the UI, the docs pages, the API and refusals; the docs CSP hashes their inline scripts', async () => {
    const checked: string[] = [];
    for (const p of [
      '/',
      '/app.js',
      '/app.css',
      '/api/meta',
      '/docs/index.html',
      '/docs/dstore.html',
      '/docs/wechat.html',
      '/docs/ovopark.html',
      '/no-such-page',
    ]) {
      const res = await fetch(`${stack.server.url}${p}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, p).toContain("frame-ancestors 'none'");
      expect(csp, p).toContain("default-src 'none'");
      expect(csp, p).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(res.headers.get('x-frame-options'), p).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), p).toBe('no-referrer');
      const body = await res.text();
      if (p.startsWith('/docs/')) {
        const inline = [...body.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) =>
          createHash('sha256').update(m[1]!).digest('base64'),
        );
        for (const hash of inline) expect(csp, p).toContain(`'sha256-${hash}'`);
        if (p !== '/docs/index.html') expect(inline.length, p).toBeGreaterThan(0);
      }
      if (p === '/') expect(csp).toContain("script-src 'self'");
      checked.push(p);
    }
    const refused = await post('/api/pos/orders', '{}', { 'content-type': 'text/plain' });
    expect(refused.headers.get('x-frame-options')).toBe('DENY');
    expect(refused.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(checked).toHaveLength(9);
  });

  it('limits admin request bodies to 64 KiB (413, declared or chunked) and stores nothing', async () => {
    const big = JSON.stringify({
      requestOrderId: 'pds_big',
      posOrderId: 'P',
      orderStatus: 'READY',
      extendInfo: { pad: 'x'.repeat(70_000) },
    });
    await expectPlainRefusal(await post('/api/pos/orders', big, { 'content-type': 'application/json' }), 413);
    const chunked = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await fetch(`${stack.server.url}/api/pos/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    await expectPlainRefusal(res, 413);
    expect(await stack.server.store.getOrder('pds_big')).toBeNull();
  });

  it('the inquiry goes to our own endpoint, and refuses any other URL before sending anything', async () => {
    const inquire = (endpoint?: string) =>
      post('/api/dstore/inquire', JSON.stringify({ requestOrderId: 'pds_demo_1', ...(endpoint ? { endpoint } : {}) }), {
        'content-type': 'application/json',
      });
    const own = (await (await inquire()).json()) as { cards: Array<{ code: { value: string } }> };
    expect(own.cards[0]!.code.value).toBe('S SUCCESS');
    for (const target of [
      `${secret.url}${ENDPOINT}`,
      secret.url,
      'http://169.254.169.254/latest/meta-data/',
      `${stack.server.url}/api/audit`,
      `${huge.url}/other${ENDPOINT}`,
      `http://127.0.0.1.nip.io:${new URL(secret.url).port}`,
    ]) {
      const res = await inquire(target);
      expect(res.status, target).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/not allowed.*DSTORE_INQUIRE_ALLOWED_ENDPOINTS/);
    }
    expect(secret.hits).toBe(0);
  });

  it('an allowed endpoint that redirects is not followed; one whose answer is over 1 MiB is not read', async () => {
    const inquire = async (endpoint: string) => {
      const res = await post('/api/dstore/inquire', JSON.stringify({ requestOrderId: 'pds_demo_1', endpoint }), {
        'content-type': 'application/json',
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { cards: Array<{ outcome: string; fields: Array<[string, unknown]> }> }).cards[0]!;
    };
    const redirected = await inquire(`${redirecting.url}${ENDPOINT}`);
    expect(redirected.outcome).not.toBe('ok');
    expect(JSON.stringify(redirected.fields)).toContain('redirect (HTTP 302)');
    expect(redirecting.hits).toBe(1);
    expect(secret.hits).toBe(0);
    for (const big of [huge, declaredHuge]) {
      const card = await inquire(`${big.url}${ENDPOINT}`);
      expect(card.outcome).not.toBe('ok');
      expect(JSON.stringify(card.fields)).toContain(`larger than ${MAX_ANSWER_BYTES} bytes`);
    }
  });
});

describe('the inquiry allow-list rule', () => {
  it('matches exact endpoint URLs; an origin stands for the endpoint at the contract path on it', () => {
    const guard = createInquiryGuard([
      'https://pos.example.com',
      'http://127.0.0.1:3001/v2/pos/inquireOrderDetail',
      'https://other.example/base',
    ]);
    expect(guard.allows('https://pos.example.com/v2/pos/inquireOrderDetail')).toBe(true);
    expect(guard.allows('https://POS.example.com:443/v2/pos/inquireOrderDetail/')).toBe(true);
    expect(guard.allows('https://pos.example.com')).toBe(true);
    expect(guard.allows('http://127.0.0.1:3001/v2/pos/inquireOrderDetail')).toBe(true);
    expect(guard.allows('https://other.example/base/v2/pos/inquireOrderDetail')).toBe(true);
    for (const no of [
      'http://pos.example.com/v2/pos/inquireOrderDetail', // scheme
      'https://pos.example.com:8443/v2/pos/inquireOrderDetail', // port
      'https://pos.example.com.evil.example/v2/pos/inquireOrderDetail', // suffix
      'https://evil.example/https://pos.example.com', // embedded
      'https://pos.example.com/admin/v2/pos/inquireOrderDetail', // another path on the origin
      'https://other.example/v2/pos/inquireOrderDetail', // the entry's path is part of it
      'http://127.0.0.1:3002/v2/pos/inquireOrderDetail',
      'not a url',
    ])
      expect(guard.allows(no), no).toBe(false);
    expect(createInquiryGuard([], { anyEndpoint: true }).allows('http://10.0.0.1/x')).toBe(true);
  });

  it('the guarded fetch refuses a URL outside the list even when called directly', async () => {
    const guard = createInquiryGuard(['https://pos.example.com']);
    await expect(guard.fetch('http://127.0.0.1:9/v2/pos/inquireOrderDetail', { method: 'POST' })).rejects.toThrow(
      /not an allowed D-Store inquiry endpoint/,
    );
  });
});

describe('configuration of the faces', () => {
  const base = { WECHAT_BASE_URL: 'http://127.0.0.1:9', OVOPARK_BASE_URL: 'http://127.0.0.1:9' };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'order-desk-security-'));
  const load = (env: Record<string, string>) =>
    loadConfig({ ...base, ORDER_DESK_DATA_DIR: dataDir, ...env }, { cwd: dataDir });

  it('defaults: both faces on loopback, the endpoint on the port after the admin one', () => {
    const c = load({});
    expect([c.host, c.port, c.endpoint.host, c.endpoint.port]).toEqual(['127.0.0.1', 3000, '127.0.0.1', 3001]);
    expect(c.endpoint.url).toBe('http://127.0.0.1:3001');
    expect(load({ PORT: '8080' }).endpoint.port).toBe(8081);
    expect(load({ ENDPOINT_HOST: '0.0.0.0', ENDPOINT_PORT: '443' }).endpoint).toEqual({
      host: '0.0.0.0',
      port: 443,
      url: 'http://127.0.0.1:443',
    });
    expect(() => load({ PORT: '4000', ENDPOINT_PORT: '4000' })).toThrow(/need a listener each/);
  });

  it('an admin face beyond loopback needs ORDER_DESK_ADMIN_TOKEN of at least 32 characters, never echoed', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'desk.example']) {
      expect(() => load({ HOST: host }), host).toThrow(ConfigError);
      expect(() => load({ HOST: host }), host).toThrow(/set ORDER_DESK_ADMIN_TOKEN/);
    }
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1'])
      expect(load({ HOST: host }).admin).toEqual({ token: undefined, loopback: true });
    const short = 'short-but-secret-token';
    expect(() => load({ HOST: '0.0.0.0', ORDER_DESK_ADMIN_TOKEN: short })).toThrow(
      /ORDER_DESK_ADMIN_TOKEN is shorter than 32/,
    );
    try {
      load({ ORDER_DESK_ADMIN_TOKEN: `${short} with spaces and more` });
    } catch (error) {
      expect((error as Error).message).toMatch(/printable ASCII/);
      expect((error as Error).message).not.toContain(short);
    }
    expect(load({ HOST: '0.0.0.0', ORDER_DESK_ADMIN_TOKEN: TOKEN }).admin).toEqual({ token: TOKEN, loopback: false });
    expect(() => load({ DSTORE_INQUIRE_ALLOWED_ENDPOINTS: 'https://ok.example, ftp://x' })).toThrow(
      /not an http\(s\) URL/,
    );
  });

  it('order-desk refuses to start on HOST=0.0.0.0 without a token, naming the variable', async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--conditions=@orderkit/source', '--import', 'tsx', path.join(APP_DIR, 'src', 'main.ts')],
        {
          cwd: APP_DIR,
          env: {
            ...process.env,
            ...base,
            HOST: '0.0.0.0',
            PORT: '0',
            ORDER_DESK_ADMIN_TOKEN: '',
            ORDER_DESK_DATA_DIR: dataDir,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('exit', (code) => resolve({ code, stderr }));
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^order-desk: configuration error: HOST=0\.0\.0\.0 opens the admin UI and API beyond this machine; set ORDER_DESK_ADMIN_TOKEN/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('with an admin token', () => {
  let stack: Stack;
  const logged: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  const originalWrites = { out: process.stdout.write, err: process.stderr.write };

  beforeAll(async () => {
    stack = await startStack({ ORDER_DESK_ADMIN_TOKEN: TOKEN });
    // Everything the app logs or writes while tokens are tried, to show none (right or wrong) is logged.
    methods.forEach((m, i) => {
      console[m] = (...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
        (originals[i] as (...a: unknown[]) => void)(...args);
      };
    });
    const capture = (original: typeof process.stdout.write) =>
      function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
        logged.push(String(chunk));
        return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
      } as typeof process.stdout.write;
    process.stdout.write = capture(originalWrites.out);
    process.stderr.write = capture(originalWrites.err);
  });
  afterAll(async () => {
    methods.forEach((m, i) => {
      console[m] = originals[i]!;
    });
    process.stdout.write = originalWrites.out;
    process.stderr.write = originalWrites.err;
    await stack?.stop();
  });

  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const WRONG = 'wrong-admin-token-0123456789abcdef-ABC';

  it('answers 401 without the token or with a wrong one (asking for HTTP Basic), on every admin path', async () => {
    for (const p of ['/', '/api/meta', '/api/audit', '/docs/index.html', '/healthz']) {
      for (const authorization of [
        undefined,
        `Bearer ${WRONG}`,
        basic('admin', WRONG),
        `Bearer ${TOKEN.slice(0, -1)}`,
        `Bearer ${TOKEN}x`,
        basic(TOKEN, ''),
        `Token ${TOKEN}`,
      ]) {
        const res = await fetch(`${stack.server.url}${p}`, { headers: authorization ? { authorization } : {} });
        await expectPlainRefusal(res, 401);
        expect(res.headers.get('www-authenticate')).toBe('Basic realm="order-desk admin", charset="UTF-8"');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
      }
    }
    const write = await fetch(`${stack.server.url}/api/pos/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${WRONG}` },
      body: JSON.stringify({ requestOrderId: 'pds_stranger', posOrderId: 'P', orderStatus: 'READY' }),
    });
    await expectPlainRefusal(write, 401);
    expect(await stack.server.store.getOrder('pds_stranger')).toBeNull();
  });

  it('accepts the token as Bearer and as the HTTP Basic password (any user name)', async () => {
    expect(
      (await fetch(`${stack.server.url}/api/audit`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(200);
    expect((await fetch(`${stack.server.url}/`, { headers: { authorization: basic('anyone', TOKEN) } })).status).toBe(
      200,
    );
    const write = await fetch(`${stack.server.url}/api/pos/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ requestOrderId: 'pds_admin', posOrderId: 'P-2', orderStatus: 'READY' }),
    });
    expect(write.status).toBe(201);
    // The token does not open the door to other origins: Basic credentials ride along on cross-site requests.
    const csrf = await fetch(`${stack.server.url}/api/pos/orders`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example', authorization: basic('admin', TOKEN) },
      body: '{}',
    });
    await expectPlainRefusal(csrf, 403);
    // The public face does not ask for it: D-Store's calls are authenticated by their signature.
    expect((await fetch(`${stack.server.endpointUrl}/healthz`)).status).toBe(200);
    await expectPlainRefusal(
      await fetch(`${stack.server.endpointUrl}/api/audit`, { headers: { authorization: `Bearer ${TOKEN}` } }),
      404,
    );
  });

  it('the CLI sends the token from the environment: pos set-order writes through the app; without it, one clear line', async () => {
    const cli = (env: Record<string, string>) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          [
            '--conditions=@orderkit/source',
            '--import',
            'tsx',
            path.join(APP_DIR, 'src', 'cli.ts'),
            'pos',
            'set-order',
            'pds_cli_token',
            '--pos-order-id',
            'P-3',
            '--status',
            'READY',
          ],
          { cwd: APP_DIR, env: { ...process.env, ...stack.env, ...env } },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const without = await cli({ ORDER_DESK_ADMIN_TOKEN: '' });
    expect(without.code).not.toBe(0);
    expect(without.stderr).toMatch(/refused the write: 401 .*set ORDER_DESK_ADMIN_TOKEN/);
    expect(without.stderr.trim().split('\n')).toHaveLength(1);
    expect(await stack.server.store.getOrder('pds_cli_token')).toBeNull();
    const withToken = await cli({});
    expect(withToken.code, withToken.stderr).toBe(0);
    expect(withToken.stdout).toContain(`via order-desk at ${stack.server.url}`);
    expect(await stack.server.store.getOrder('pds_cli_token')).toMatchObject({ posOrderId: 'P-3' });
  });

  it('logged no token, right or wrong, and the audit log holds none', async () => {
    const audit = await (
      await fetch(`${stack.server.url}/api/audit`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).text();
    expect(audit).not.toContain(TOKEN);
    const all = logged.join('');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(WRONG);
  });
});
