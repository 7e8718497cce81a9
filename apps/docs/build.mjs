// Collects each provider's Redocly page (built by the spec packages' `docs` task) into dist/ and
// writes an index page that links them. The providers are the `specs/*` folders; each line of the
// index comes from its contract's `info` (title, summary, version).
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { listSpecs } from '../../scripts/specs.mjs';

const here = new URL('./', import.meta.url);
const providers = listSpecs();
const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

await mkdir(new URL('dist/', here), { recursive: true });
const rows = [];
for (const id of providers) {
  const spec = JSON.parse(await readFile(new URL(`../../specs/${id}/dist/openapi.json`, here), 'utf8'));
  await copyFile(new URL(`../../specs/${id}/dist/docs/index.html`, here), new URL(`dist/${id}.html`, here));
  const { title, summary, version } = spec.info;
  rows.push(
    `<li><a href="${id}.html">${escapeHtml(title)}</a>${summary ? ` — ${escapeHtml(summary)}` : ''}<br><small><code>specs/${escapeHtml(id)}</code>, version ${escapeHtml(version)}</small></li>`,
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
