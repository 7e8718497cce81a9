import http from 'node:http';
/** Where the router forwards a gateway call whose `_mt` is `method`. */
export const ovoparkMockPath = (method: string) => `/cloud.api/${encodeURIComponent(method)}`;

const MAX_BODY = 1024 * 1024;

export interface OvoparkRouter {
  url: string;
  stop(): Promise<void>;
}

/**
 * An in-band gateway answer, shaped like the real gateway's (HTTP 200, `stat.code` ≠ 0; `code` and
 * `systime` numbers, as the SDKs read them).
 */
function gatewayError(res: http.ServerResponse, code: number, codename: string, result: string): void {
  const body = JSON.stringify({
    stat: { cid: `mock-${Date.now()}`, code, codename, systime: Date.now() },
    result,
    data: null,
  });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The thin layer in front of Prism for Ovopark: the gateway chooses the method by the form field
 * `_mt`, Prism routes by path only. It reads `_mt` and forwards the request unchanged (headers and
 * body bytes) to `/cloud.api/<_mt>` on Prism, which validates and answers from the spec. Only what
 * Prism cannot know — a missing or unregistered `_mt` — is answered here, as the gateway does.
 */
export async function startOvoparkRouter(options: {
  port: number;
  host?: string;
  prismUrl: string;
  methods: string[];
}): Promise<OvoparkRouter> {
  const host = options.host ?? '127.0.0.1';
  const target = new URL(options.prismUrl);
  const known = new Set(options.methods);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY && !aborted) {
        aborted = true;
        res.writeHead(413, { 'content-type': 'text/plain' }).end('body over 1 MiB');
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (aborted) return;
      const body = Buffer.concat(chunks);
      let path = req.url ?? '/';
      if (req.method === 'POST' && path.split('?')[0] === '/cloud.api') {
        const mt = new URLSearchParams(body.toString('utf8')).get('_mt');
        if (!mt) return gatewayError(res, 8, 'METHOD_NOTNULL', '_mt cannot be empty');
        if (!known.has(mt)) {
          return gatewayError(
            res,
            9,
            'METHOD_NOTEXIST_CODE',
            `${mt} is not registered (mock serves: ${[...known].join(', ')})`,
          );
        }
        path = ovoparkMockPath(mt);
      }
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path, headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', (err) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`Prism is not reachable behind the Ovopark router: ${err.message}`);
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
