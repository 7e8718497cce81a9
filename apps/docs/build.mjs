// Collects each provider's Redocly page (built by the spec packages' `docs` task) into dist/ and
// writes an index page that links them.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';

const here = new URL('./', import.meta.url);
const providers = [
  { id: 'dstore', name: 'D-Store', what: 'inquireOrderDetail — D-Store calls the POS provider (RSA256-signed)' },
  { id: 'wechat', name: 'WeChat service market', what: 'getOrder — we call WeChat with an access_token' },
  { id: 'ovopark', name: 'Ovopark', what: 'open.ovopark.pos.searchPos — we call the signed, form-encoded gateway' },
];
const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

await mkdir(new URL('dist/', here), { recursive: true });
const rows = [];
for (const p of providers) {
  const spec = JSON.parse(await readFile(new URL(`../../specs/${p.id}/dist/openapi.json`, here), 'utf8'));
  await copyFile(new URL(`../../specs/${p.id}/dist/docs/index.html`, here), new URL(`dist/${p.id}.html`, here));
  rows.push(
    `<li><a href="${p.id}.html">${escapeHtml(p.name)}</a> — ${escapeHtml(p.what)}<br><small>${escapeHtml(spec.info.title)}, version ${escapeHtml(spec.info.version)}</small></li>`,
  );
}
await writeFile(
  new URL('dist/index.html', here),
  `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>orderkit — provider contracts</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}li{margin:.75rem 0}</style>
</head>
<body>
<h1>orderkit — provider contracts</h1>
<p>The OpenAPI 3.1 contracts in <code>specs/</code>, rendered by Redocly.</p>
<ul>
${rows.join('\n')}
</ul>
</body>
</html>
`,
);
console.log(`wrote apps/docs/dist/index.html and ${providers.length} provider pages`);
