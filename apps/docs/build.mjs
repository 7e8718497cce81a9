// Collects each provider's Redocly page (built by the spec packages' `docs` task) into dist/,
// finished with the frame of scripts/docs-page.mjs (a bar back to order-desk, CJK-capable fonts,
// nothing loaded from another host), and writes an index page that links them. The providers are
// the `specs/*` folders; each line of the index comes from its contract's `info` (title, summary,
// version).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { finishRedoclyPage, indexPage } from '../../scripts/docs-page.mjs';
import { listSpecs } from '../../scripts/specs.mjs';

const here = new URL('./', import.meta.url);
const providers = listSpecs();
const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

await mkdir(new URL('dist/', here), { recursive: true });
const rows = [];
for (const id of providers) {
  const spec = JSON.parse(await readFile(new URL(`../../specs/${id}/dist/openapi.json`, here), 'utf8'));
  const page = await readFile(new URL(`../../specs/${id}/dist/docs/index.html`, here), 'utf8');
  await writeFile(new URL(`dist/${id}.html`, here), finishRedoclyPage(page, `${id}.html`));
  const { title, summary, version } = spec.info;
  rows.push(
    `<li><a href="${id}.html">${escapeHtml(title)}</a>${summary ? ` — ${escapeHtml(summary)}` : ''}<br><small><code>specs/${escapeHtml(id)}</code>, version ${escapeHtml(version)}</small></li>`,
  );
}
await writeFile(
  new URL('dist/index.html', here),
  indexPage({
    title: 'orderkit — provider contracts',
    body: `<h1>orderkit — provider contracts</h1>
<p>The OpenAPI 3.1 contracts in <code>specs/</code>, rendered by Redocly.</p>
<ul>
${rows.join('\n')}
</ul>`,
  }),
);
console.log(`wrote apps/docs/dist/index.html and ${providers.length} provider pages`);
