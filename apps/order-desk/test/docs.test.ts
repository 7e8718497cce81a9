/**
 * The docs pages order-desk serves under /docs/ (apps/docs/dist, built by `pnpm docs`): each has a
 * way back to order-desk, loads nothing from another host (they must work offline and under the
 * docs CSP, which allows this origin only), and declares fonts that can show the providers'
 * Chinese text. The contract texts Redoc shows verbatim carry no Markdown. The browser test checks
 * the same pages rendered (no request leaving the origin, the font in use, the back link followed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../../docs/dist/', import.meta.url));
const SPECS = fileURLToPath(new URL('../../../specs/', import.meta.url));
const providers = readdirSync(SPECS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(`${SPECS}${d.name}`).includes('openapi.yaml'))
  .map((d) => d.name)
  .sort();
const pages = ['index.html', ...providers.map((id) => `${id}.html`)];
const read = (page: string) => readFileSync(`${DIST}${page}`, 'utf8');
/** The page without its scripts: the markup and styles the browser parses before any script runs. */
const markup = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '');
const CJK_FONTS = ['"Noto Sans CJK SC"', '"PingFang SC"', '"Microsoft YaHei"'];

describe('the docs pages', () => {
  it('are built: the index and one page per contract in specs/', () => {
    expect(providers).toEqual(['dstore', 'ovopark', 'wechat']);
    expect(readdirSync(DIST).sort()).toEqual(pages.slice().sort());
  });

  it.each(pages)('%s starts with a link back to order-desk that resolves to its UI from /docs/', (page) => {
    const body = markup(read(page)).split(/<body[^>]*>/i)[1] ?? '';
    const first = /^\s*<nav\b[^>]*>([\s\S]*?)<\/nav>/.exec(body);
    expect(first, 'a <nav> right after <body>').not.toBeNull();
    const back = /<a\b[^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/.exec(first![1]!);
    expect(back?.[2]).toBe('← order-desk');
    expect(new URL(back![1]!, `http://order-desk.test/docs/${page}`).pathname).toBe('/');
    if (page !== 'index.html') expect(first![1]).toMatch(/<a\b[^>]*href="index\.html"[^>]*>All contracts<\/a>/);
  });

  it.each(pages)('%s loads nothing from another host', (page) => {
    const html = read(page);
    const parsed = markup(html);
    // Elements that fetch what they name (everything but <a>, whose href is a link to follow).
    const fetching = [
      ...parsed.matchAll(/<(?!a\b)([a-z][\w-]*)\b[^>]*?\s(?:src|srcset|href|poster|data)\s*=\s*"([^"]*)"/gi),
    ]
      .map((m) => `<${m[1]}> ${m[2]}`)
      .filter((s) => /\s(https?:)?\/\//i.test(s));
    expect(fetching).toEqual([]);
    // Styles: no url() or @import to another host.
    expect(parsed.match(/url\(\s*["']?(https?:)?\/\/[^)]*\)|@import[^;]*/gi) ?? []).toEqual([]);
    // Scripts: no module imported from a URL, none of the asset hosts Redoc has used (its logo, its
    // bundle, Google Fonts), and Redoc's telemetry off (it would post to otel.cloud.redocly.com).
    expect(html.match(/\bimport\s*(?:\(\s*|[^;()]*?\bfrom\s*)["'`]https?:[^"'`]*/g) ?? []).toEqual([]);
    expect(
      html.match(
        /https?:\/\/(cdn\.redoc\.ly|cdn\.redocly\.com\/redoc\/|fonts\.googleapis\.com|fonts\.gstatic\.com)[^\s"'`]*/g,
      ) ?? [],
    ).toEqual([]);
    if (page !== 'index.html')
      expect(/const __redoc_options = (\{[^}]*\})/.exec(html)?.[1]).toMatch(/"disableTelemetry":true/);
  });

  it.each(pages)('%s declares a font stack with CJK fallbacks for text and code', (page) => {
    const styles = [...markup(read(page)).matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]).join('\n');
    const declared = (property: string) =>
      [...styles.matchAll(new RegExp(`(?:^|[;{\\s])${property}\\s*:([^;}]*)`, 'g'))].map((m) => m[1]!);
    const cjk = (stack: string) => CJK_FONTS.every((f) => stack.includes(f));
    expect(declared('font-family').filter(cjk).length, 'body and code font-family').toBeGreaterThanOrEqual(2);
    if (page !== 'index.html') {
      // Redoc's components read these two tokens; html:root outranks Redoc's own :root.
      const root = /html:root\s*\{([^}]*)\}/.exec(styles)?.[1] ?? '';
      for (const token of ['--font-family-base', '--font-family-monospaced'])
        expect(cjk(/:([^;]*)/.exec(root.split(token)[1] ?? '')?.[1] ?? ''), token).toBe(true);
    }
  });

  it('shows contract texts that Redoc prints verbatim without Markdown: server descriptions, sidebar headings', () => {
    const found: string[] = [];
    for (const id of providers) {
      const spec = JSON.parse(readFileSync(`${SPECS}${id}/dist/openapi.json`, 'utf8')) as {
        info: { description?: string };
        tags?: { description?: string }[];
        servers?: { description?: string; variables?: Record<string, { description?: string }> }[];
      };
      // Redoc renders a server's description (and its variables') as plain text.
      for (const server of spec.servers ?? [])
        for (const text of [server.description, ...Object.values(server.variables ?? {}).map((v) => v.description)])
          if (text && /[`*[\]]/.test(text)) found.push(`${id} server: ${text}`);
      // Headings of the descriptions become sidebar entries, cut at the first inline markup.
      for (const text of [spec.info.description, ...(spec.tags ?? []).map((t) => t.description)])
        for (const line of (text ?? '').split('\n'))
          if (/^#{1,6}\s/.test(line) && /[`*[\]<]/.test(line)) found.push(`${id} heading: ${line}`);
    }
    expect(found).toEqual([]);
  });
});
