import http from 'node:http';

/**
 * The other half of the Ovopark routing for Prism's proxy mode: Prism forwards
 * `/cloud.api/<method>` (the derived spec's path), the gateway only knows `/cloud.api`. This puts
 * the path back and forwards headers and body unchanged to the real upstream (http or https).
 */
export async function startUpstreamRewriter(options: {
  upstream: string;
  host?: string;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const upstream = new URL(options.upstream);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').replace(/^\/cloud\.api\/[^/?]+/, '/cloud.api');
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined || ['host', 'connection', 'content-length'].includes(k)) continue;
        headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      }
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      fetch(new URL(path, upstream), { method: req.method, headers, body, redirect: 'manual' })
        .then(async (up) => {
          const text = Buffer.from(await up.arrayBuffer());
          const out: Record<string, string> = {};
          up.headers.forEach((v, k) => {
            if (!['content-encoding', 'transfer-encoding', 'connection', 'content-length'].includes(k)) out[k] = v;
          });
          res.writeHead(up.status, { ...out, 'content-length': String(text.length) }).end(text);
        })
        .catch((err: Error) => {
          res
            .writeHead(502, { 'content-type': 'text/plain' })
            .end(`upstream ${upstream.origin} not reachable: ${err.message}`);
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
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
