// The frame around every docs page (apps/docs/dist/*.html, served by order-desk under /docs/):
// a bar with the way back to order-desk, a font stack that can show the providers' Chinese text,
// and nothing fetched from another host, so the pages work offline and under order-desk's CSP.
//
// Two steps use it: scripts/redocly.mjs tells Redoc the bar's height when it renders a contract
// (`build-docs --openapi.scrollYOffset`, so the sidebar and anchor jumps sit below the bar), and
// apps/docs/build.mjs adds the bar and the styles to each rendered page and to the index page.

/** Height of the bar in CSS pixels; Redoc is given the same number as `scrollYOffset`. */
export const BAR_HEIGHT = 44;

/**
 * Font stacks with CJK fallbacks (Noto CJK on Linux, PingFang / Hiragino on macOS, Microsoft
 * YaHei on Windows). Without them a page declares only Latin fonts and the browser's own fallback
 * decides, which on a machine without a default CJK font shows Chinese as empty boxes.
 */
export const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';
export const MONO_STACK =
  'ui-monospace, Menlo, Monaco, "Cascadia Mono", "Roboto Mono", "DejaVu Sans Mono", "Noto Sans Mono CJK SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", monospace';

/**
 * `html:root` outranks Redoc's own `:root` tokens, whatever the order of the style elements.
 * The bar uses Redoc's colour tokens (with fallbacks for the index page), so it follows Redoc's
 * light and dark modes.
 */
export const DOCS_CSS = `
html:root {
  --font-family-base: ${FONT_STACK};
  --font-family-monospaced: ${MONO_STACK};
}
body { font-family: ${FONT_STACK}; }
code, pre, kbd, samp { font-family: ${MONO_STACK}; }
.orderkit-bar {
  position: sticky; top: 0; z-index: 30; box-sizing: border-box; height: ${BAR_HEIGHT}px;
  display: flex; align-items: center; gap: 1.25rem; padding: 0 1rem;
  font: 14px/1 ${FONT_STACK};
  background: var(--bg-color, #fff); color: var(--text-color-primary, #1f1f1f);
  border-bottom: 1px solid var(--border-color-primary, #e0e0e0);
}
.orderkit-bar a { color: inherit; text-decoration: none; }
.orderkit-bar a:hover, .orderkit-bar a:focus-visible { text-decoration: underline; }
.orderkit-bar .orderkit-home { font-weight: 600; }
.orderkit-bar [aria-current] { color: var(--text-color-secondary, #6b6b6b); }
`;

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/**
 * The bar. Its links are relative, so they work wherever the pages are served: order-desk serves
 * them as /docs/<page>.html, so `../` is order-desk's UI.
 * @param {string} current the page's file name (`index.html`, `<provider>.html`, …)
 */
export function barHtml(current) {
  const contracts =
    current === 'index.html'
      ? '<span aria-current="page">All contracts</span>'
      : '<a href="index.html">All contracts</a>';
  return `<nav class="orderkit-bar" aria-label="orderkit"><a class="orderkit-home" href="../">← order-desk</a>${contracts}</nav>`;
}

/**
 * Redoc shows a Redocly logo beside "API docs by" and loads it from its CDN at run time (the only
 * request a page made to another host). Each is replaced by a small wordmark of ours, inlined as a
 * data: URL (the attribution link stays as it is).
 */
const svg = (w, h, body) =>
  `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${body}</svg>`).toString('base64')}`;
const LOGOS = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': svg(
    48,
    12,
    '<text x="1" y="10" textLength="46" lengthAdjust="spacingAndGlyphs" font-family="system-ui, sans-serif" font-size="11" font-weight="600" fill="#3b3b3b">Redocly</text>',
  ),
  'https://cdn.redoc.ly/redoc/logo-mini.svg': svg(
    14,
    14,
    '<text x="7" y="11" text-anchor="middle" font-family="system-ui, sans-serif" font-size="11" font-weight="700" fill="#3b3b3b">R</text>',
  ),
};

/**
 * Hosts Redoc has loaded assets from (its logo, its script bundle when not inlined, Google Fonts in
 * Redoc 2). A finished page names none of them; if a Redocly upgrade adds one, the build stops here
 * rather than ship a page that fetches it.
 */
const ASSET_HOSTS =
  /https?:\/\/(cdn\.redoc\.ly|cdn\.redocly\.com\/redoc\/|fonts\.googleapis\.com|fonts\.gstatic\.com)[^\s"'`)]*/g;

/**
 * A page from `redocly build-docs --inlineBundle`, finished: the bar after <body>, the styles at
 * the end of <head>, the logo inlined. Throws when a known asset host is still named.
 * @param {string} html
 * @param {string} page the file name it is published under
 */
export function finishRedoclyPage(html, page) {
  // The page's own </head><body> is the first; Redoc's inlined script holds more of both later on.
  const seam = /<\/head>\s*<body>/.exec(html);
  if (!seam || seam.index !== html.indexOf('</head>'))
    throw new Error(
      `${page}: no </head><body> where Redocly's page had it; its template changed — update scripts/docs-page.mjs`,
    );
  let out = `${html.slice(0, seam.index)}<style>${DOCS_CSS}</style>\n</head>\n<body>\n${barHtml(page)}${html.slice(seam.index + seam[0].length)}`;
  for (const [url, inline] of Object.entries(LOGOS)) out = out.replaceAll(url, inline);
  const left = [...new Set(out.match(ASSET_HOSTS) ?? [])];
  if (left.length)
    throw new Error(
      `${page}: the page would load ${left.join(', ')} from another host; inline it in scripts/docs-page.mjs (LOGOS) or remove it`,
    );
  return out;
}

/**
 * The index page: the same bar and fonts, and `body` as its content.
 * @param {{ title: string, body: string }} page
 */
export function indexPage({ title, body }) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${DOCS_CSS}
body{font-size:16px;line-height:1.5;margin:0}main{max-width:48rem;margin:2rem auto;padding:0 1rem}li{margin:.75rem 0}
</style>
</head>
<body>
${barHtml('index.html')}
<main>
${body}
</main>
</body>
</html>
`;
}
