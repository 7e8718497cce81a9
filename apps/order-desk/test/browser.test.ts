/**
 * The UI in a real browser: Debian's Chromium driven by playwright-core (a downloaded browser is
 * not possible on these machines). One lookup per provider against the mocks, what is shown is
 * checked, a screenshot is saved, and the Redocly pages load in the same browser. Everything runs
 * under the admin face's Content-Security-Policy: any violation Chromium reports fails the test.
 * Issue 12: a search stopped by its call budget keeps its results and continues; badges for an
 * endpoint that does not answer; a phone-width (360 px) layout; the favicon; cards titled by the id
 * asked for, with ISO-style dates and a link to their provider's docs; a screenshot with Chinese text.
 * The screenshots go to $ORDERKIT_SHOTS, else apps/order-desk/test-results/shots (printed).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@orderkit/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './support.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = process.env.ORDERKIT_SHOTS || fileURLToPath(new URL('../test-results/shots/', import.meta.url));
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser)
  console.warn(`browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

let stack: Stack;
let browser: Browser;
let page: Page;
/** A loopback port nothing listens on: an allowed D-Store endpoint that never answers. */
let deadPort: number;
/** Answers with a status of 400 or more, over the whole run (the favicon's 404 was one). */
const failedResponses: string[] = [];
/** CSP violations, from the page's own `securitypolicyviolation` events and from Chromium's console. */
const violations: string[] = [];
/**
 * The only violation tolerated, on the Redocly pages and degrading gracefully — the policy is right
 * to block it, and anything else fails the test: Redoc's search probes `Function(...)` to start a
 * search worker (eval); blocked, it catches the error and indexes in the page instead (search still
 * works). We do not allow 'unsafe-eval'. (Redoc's logo, once loaded from cdn.redoc.ly and blocked
 * here, is inlined by the docs build: a page loads nothing from other hosts.)
 */
const TOLERATED = [/^\/docs\/[a-z]+\.html: script-src blocked eval /, /^console: .*'unsafe-eval'/];
const untolerated = () => violations.filter((v) => !TOLERATED.some((t) => t.test(v)));

async function watchCsp(p: Page): Promise<void> {
  // The init script is injected by the browser, outside the page's CSP.
  await p.exposeBinding('reportCspViolation', (_source, text: string) => violations.push(text));
  await p.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation(t: string): void }).reportCspViolation(
        `${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      ),
    ),
  );
  p.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
}

describe.skipIf(!hasBrowser)('order-desk in Chromium', () => {
  beforeAll(async () => {
    deadPort = await freePort('127.0.0.1');
    stack = await startStack({ DSTORE_INQUIRE_ALLOWED_ENDPOINTS: `http://127.0.0.1:${deadPort}` });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({
      viewport: { width: 1366, height: 900 },
      timezoneId: 'Asia/Shanghai',
      locale: 'en-GB',
    });
    await watchCsp(page);
    page.on('response', (r) => {
      if (r.status() >= 400) failedResponses.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(stack.server.url);
    await page.waitForFunction(() => document.querySelector('#modes')?.textContent?.includes('WeChat: mock'));
    mkdirSync(SHOTS, { recursive: true });
    console.log(`browser test screenshots: ${SHOTS}`);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('WeChat: looks up two orders and shows status names, local dates, yuan and the code meaning', async () => {
    // One provider's form at a time.
    expect(await Promise.all(['#form-wechat', '#form-ovopark', '#form-dstore'].map((f) => page.isVisible(f)))).toEqual([
      true,
      false,
      false,
    ]);
    // The mock's paid fixture, then an id it generates an order for.
    await page.fill('#wechat-ids', 'DD2981741311549200000\nDD2');
    await page.click('#form-wechat button');
    const cards = page.locator('#result article');
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(2); // Prism can take seconds on a loaded machine
    const first = await cards.first().innerText();
    expect(first).toContain('PAID — Paid.');
    expect(first).toContain('99.00 CNY');
    expect(first).toContain('0 — ok');
    // createTime 1700000000000 ms, shown ISO-style in the browser's zone (Asia/Shanghai here), with its offset.
    expect(first).toContain('2023-11-15 06:13:20 +08:00');
    expect(first).toMatch(/Ran against\s+mock/);
    // Titled by the id asked for; each id gets its own order (issue 11), so no card names another id.
    expect(await cards.locator('h2').allInnerTexts()).toEqual([
      'WeChat order DD2981741311549200000',
      'WeChat order DD2',
    ]);
    const second = await cards.nth(1).innerText();
    expect(second).not.toContain('DD2981741311549200000');
    expect(`${first}\n${second}`).not.toMatch(/Order id in the answer/);
    // Each card links to its provider's rendered contract.
    expect(await cards.first().locator('a.docs-link').getAttribute('href')).toBe('/docs/wechat.html');
    await page.screenshot({ path: path.join(SHOTS, 'order-desk-wechat.png'), fullPage: true });
  });

  it('WeChat: clears the previous result while a new lookup runs, and says plainly that an id is needed', async () => {
    // Held back for a moment, so what the page shows while the lookup runs can be read.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/wechat/orders', async (route) => {
      await held;
      await route.continue();
    });
    await page.fill('#wechat-ids', 'DD3');
    await page.click('#form-wechat button');
    await page.waitForSelector('#result[aria-busy=true]', { state: 'attached' });
    expect(await page.locator('#result article').count()).toBe(0);
    release();
    await page.waitForSelector('#result article h2:has-text("WeChat order DD3")');
    await page.unroute('**/api/wechat/orders');
    await page.fill('#wechat-ids', '  ,\n ');
    await page.click('#form-wechat button');
    const card = await page.locator('#result article').innerText();
    expect(card).toContain('Enter at least one order id');
    expect(card).not.toMatch(/orderIds|non-empty array|Ran against/);
    // The server says the same to an API client.
    const res = await fetch(`${stack.server.url}/api/wechat/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: stack.server.url },
      body: JSON.stringify({ orderIds: [] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^Enter at least one order id/);
  });

  it('Ovopark: reached by keyboard, searches a range with progress and lists the tickets', async () => {
    await page.focus('input[name=provider][value=wechat]');
    await page.keyboard.press('ArrowRight');
    expect(await page.isVisible('#form-ovopark')).toBe(true);
    await page.fill('#ovopark-from', '2024-01-01 10:00:00');
    await page.fill('#ovopark-to', '2024-01-01 12:00:00');
    await page.press('#ovopark-to', 'Enter');
    await page.waitForSelector('#result article');
    const card = await page.locator('#result article').innerText();
    // The mock's seeded tickets of store 1001 over the two hours (seed 1, the default).
    expect(card).toContain('Ovopark store 1001: 43 tickets');
    expect(card).toContain('T202401011001001');
    expect(card).toContain('64.25 CNY');
    expect(await page.textContent('#ovopark-progress-text')).toContain('window 2/2');
    // The platform's times, shown as it means them: China time, +08:00.
    expect(card).toMatch(/2024-01-01 1[01]:\d\d:\d\d \+08:00/);
    await page.screenshot({ path: path.join(SHOTS, 'order-desk-ovopark.png'), fullPage: true });
  });

  it('Ovopark: an input error clears the earlier progress line and result', async () => {
    await page.fill('#ovopark-from', '2024-01-02 10:00:00');
    await page.fill('#ovopark-to', '2024-01-01 10:00:00');
    await page.click('#form-ovopark button[type=submit]');
    await page.waitForSelector('#result article h2:has-text("Ovopark store 1001")');
    expect(await page.locator('#result article').count()).toBe(1);
    const card = await page.locator('#result article').innerText();
    expect(card).toContain('swap them');
    // Refused before anything was sent: the badge does not claim the mock answered.
    expect(card).toMatch(/Ran against\s+mock — not sent/);
    expect(await page.textContent('#ovopark-progress-text')).toBe('');
  });

  it('Ovopark: a search stopped by the call budget keeps what it found, says why, and continues from there', async () => {
    // 13 days are 312 one-hour windows: the 300 calls a search may make run out part-way.
    await page.fill('#ovopark-from', '2024-01-01 00:00:00');
    await page.fill('#ovopark-to', '2024-01-14 00:00:00');
    await page.click('#form-ovopark button[type=submit]');
    const stopped = page.locator('#result article').first();
    await stopped.locator('p.stopped').waitFor({ timeout: 120_000 });
    const text = await stopped.innerText();
    // The mock's seeded tickets, hour by hour (its quota is raised for the test stack, support.ts).
    expect(text).toMatch(
      /Stopped after 300 gateway calls, the budget per search; found \d+ tickets up to 2024-01-13 \d\d:00:00 \(\+08:00\)/,
    );
    expect(text).toMatch(/T20240101\d{7}/);
    expect(text).not.toMatch(/OvoparkBudgetError|error\.tickets|callBudget|no gateway answer/);
    expect(text).toMatch(/Ran against\s+mock(?! —)/);
    const resume = stopped.locator('button.continue');
    const label = await resume.innerText();
    expect(label).toMatch(/^Continue from 2024-01-13 \d\d:00:00$/);
    // The viewport only: thousands of ticket rows make a full-page shot slow.
    await page.screenshot({ path: path.join(SHOTS, 'order-desk-ovopark-stopped.png') });
    // By keyboard, as the rest of the UI.
    await resume.focus();
    await page.keyboard.press('Enter');
    const rest = page.locator('#result article').nth(1);
    await rest.locator('h2').waitFor({ timeout: 60_000 });
    expect(await rest.locator('h2').innerText()).toMatch(/^Ovopark store 1001: \d+ tickets?$/);
    expect(await rest.innerText()).toContain(`${label.replace('Continue from ', '')} → 2024-01-14 00:00:00`);
    // The stopped part stays above its continuation; its button says it was used.
    expect(await page.locator('#result article').count()).toBe(2);
    expect(await resume.innerText()).toMatch(/continued below$/);
    expect(await resume.isDisabled()).toBe(true);
    // The viewport only: thousands of ticket rows make a full-page shot slow.
    await page.screenshot({ path: path.join(SHOTS, 'order-desk-ovopark-continued.png') });
    // A new search starts from a clear page.
    await page.fill('#ovopark-from', '2024-01-01 10:00:00');
    await page.fill('#ovopark-to', '2024-01-01 12:00:00');
    await page.click('#form-ovopark button[type=submit]');
    await page.waitForSelector('#result article h2:has-text("Ovopark store 1001: 43 tickets")');
    expect(await page.locator('#result article').count()).toBe(1);
  }, 240_000);

  it('D-Store: inquires our own endpoint, verifies the signature and shows the result code meaning', async () => {
    await page.check('input[name=provider][value=dstore]');
    expect(await page.inputValue('#dstore-endpoint')).toBe(`${stack.server.endpointUrl}/v2/pos/inquireOrderDetail`);
    await page.fill('#dstore-id', 'pds_demo_1');
    await page.click('#form-dstore button');
    await page.waitForSelector('#result article.ok');
    const card = await page.locator('#result article').innerText();
    expect(card).toContain('S SUCCESS — (S) Success.');
    expect(card).toContain('verified with the POS public key');
    expect(card).toContain('ACCEPTED — The merchant accepted the order');
    expect(card).toMatch(/Ran against\s+our own endpoint/);
    await page.fill('#dstore-id', 'no-such-order');
    await page.click('#form-dstore button');
    await page.waitForSelector('#result article.fail');
    expect(await page.locator('#result article').innerText()).toContain('F PROCESS_FAIL');
    await page.fill('#dstore-id', 'pds_demo_1');
    await page.click('#form-dstore button');
    await page.waitForSelector('#result article.ok');
    await page.locator('#result details summary').click();
    await page.screenshot({ path: path.join(SHOTS, 'order-desk.png'), fullPage: true });
  });

  it('D-Store: an endpoint that does not answer is badged so, not as a mock that answered', async () => {
    await page.fill('#dstore-endpoint', `http://127.0.0.1:${deadPort}/v2/pos/inquireOrderDetail`);
    await page.fill('#dstore-id', 'pds_demo_1');
    await page.click('#form-dstore button');
    await page.waitForSelector('#result article.unknown', { timeout: 30_000 });
    const card = await page.locator('#result article').innerText();
    expect(card).toMatch(/Ran against\s+mock — no answer/);
    expect(await page.locator('#result .badge.none').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'order-desk-dead-endpoint.png'), fullPage: true });
    await page.fill('#dstore-endpoint', `${stack.server.endpointUrl}/v2/pos/inquireOrderDetail`);
  });

  it('at 360 px: one column, full-width inputs, no sideways scrolling; Chinese text is drawn', async () => {
    // An order whose details are in Chinese, as a Chinese merchant's are.
    await stack.server.store.upsertOrder({
      requestOrderId: 'pds_中文_1',
      posOrderId: '2023063000010003',
      orderStatus: 'ACCEPTED',
      extendInfo: { 桌号: 'A12', 备注: '少辣，不要香菜' },
    });
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, timezoneId: 'Asia/Shanghai' });
    await watchCsp(phone);
    await phone.goto(stack.server.url);
    await phone.waitForFunction(() => document.querySelector('#modes')?.textContent?.includes('WeChat: mock'));
    const layout = () =>
      phone.evaluate(() => ({
        scrollWidth: document.scrollingElement!.scrollWidth,
        inputs: [...document.querySelectorAll('form.lookup:not([hidden]) :is(input:not([type=radio]), textarea)')].map(
          (i) => Math.round(i.getBoundingClientRect().width),
        ),
      }));
    for (const id of ['wechat', 'ovopark', 'dstore']) {
      await phone.check(`input[name=provider][value=${id}]`);
      const { scrollWidth, inputs } = await layout();
      expect(scrollWidth, id).toBeLessThanOrEqual(360);
      expect(inputs.length, id).toBeGreaterThan(0);
      for (const w of inputs) expect(w, id).toBeGreaterThanOrEqual(250);
    }
    // With results on screen too: an Ovopark table (it scrolls inside its card) and a D-Store card.
    await phone.check('input[name=provider][value=ovopark]');
    await phone.click('#form-ovopark button[type=submit]');
    await phone.waitForSelector('#result article h2:has-text("Ovopark store 1001")');
    expect((await layout()).scrollWidth).toBeLessThanOrEqual(360);
    await phone.screenshot({ path: path.join(SHOTS, 'order-desk-360-ovopark.png'), fullPage: true });
    await phone.check('input[name=provider][value=dstore]');
    await phone.fill('#dstore-id', 'pds_中文_1');
    await phone.click('#form-dstore button');
    await phone.waitForSelector('#result article.ok');
    const card = await phone.locator('#result article').innerText();
    expect(card).toContain('D-Store inquiry pds_中文_1');
    expect(card).toContain('少辣，不要香菜');
    expect((await layout()).scrollWidth).toBeLessThanOrEqual(360);
    await phone.screenshot({ path: path.join(SHOTS, 'order-desk-360-chinese.png'), fullPage: true });
    await phone.close();
  });

  it('has a favicon: linked, served as SVG, and no answer of the UI was a 404', async () => {
    expect(await page.getAttribute('link[rel=icon]', 'href')).toBe('/favicon.svg');
    const res = await fetch(`${stack.server.url}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg /);
    expect((await fetch(`${stack.server.url}/favicon.ico`)).status).toBe(200);
    expect(failedResponses.filter((r) => !r.includes('/api/'))).toEqual([]);
  });

  it('links to the Redocly pages, which load and render in the same browser', async () => {
    // Every request the docs pages make, to see that none leaves order-desk's origin.
    const requested: string[] = [];
    const record = (r: { url(): string }) => requested.push(r.url());
    page.on('request', record);
    const links = await page.$$eval('#docs a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['/docs/index.html', '/docs/dstore.html', '/docs/wechat.html', '/docs/ovopark.html']);
    await page.goto(`${stack.server.url}/docs/index.html`);
    await page.click('text=WeChat service market');
    // Redoc is inlined (build-docs --inlineBundle): it renders with no network at all.
    await page.waitForSelector('h1:has-text("WeChat service market — getOrder")', { timeout: 30_000 });
    expect(await page.locator('body').innerText()).toContain(
      'Fetching a new token with /cgi-bin/token invalidates the previous one',
    );
    for (const [id, title] of [
      ['dstore', 'D-Store POS provider API'],
      ['ovopark', 'Ovopark open platform'],
    ] as const) {
      await page.goto(`${stack.server.url}/docs/${id}.html`);
      await page.waitForSelector(`h1:has-text("${title}")`, { timeout: 30_000 });
    }
    // The sidebar shows the whole heading; the text, Chinese included, is set in the CJK-capable stack.
    expect(await page.locator('.menu-content').innerText()).toContain('Signature (_sig)');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily)).toContain(
      '"Noto Sans CJK SC"',
    );
    await page.screenshot({ path: path.join(SHOTS, 'docs-ovopark.png') });
    page.off('request', record);
    const origin = new URL(stack.server.url).origin;
    expect(requested.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u))).toEqual([]);
    // The bar above each page leads back to order-desk.
    await page.click('nav.orderkit-bar >> text=← order-desk');
    await page.waitForFunction(() => document.querySelector('#modes')?.textContent?.includes('WeChat: mock'));
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('ran the UI and the docs with no CSP violation (and the watch does catch one)', async () => {
    expect(untolerated()).toEqual([]);
    // The UI itself: not even a tolerated one.
    expect(violations.filter((v) => !v.includes('/docs/') && !v.includes('redoc'))).toEqual([]);
    await page.goto(stack.server.url);
    await page.waitForFunction(() => document.querySelector('#modes')?.textContent?.includes('WeChat: mock'));
    // An inline script, as an injection would add: the UI's policy must block it, and we must see it.
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toMatch(/script-src/);
    violations.length = 0;
  });

  it('with ORDER_DESK_ADMIN_TOKEN, the browser answers the Basic challenge and the UI works; without it, 401', async () => {
    const token = 'browser-test-admin-token-0123456789abcdef';
    const guarded = await startStack({ ORDER_DESK_ADMIN_TOKEN: token });
    try {
      const stranger = await browser.newContext();
      // No credentials to give: Chromium met the Basic challenge (401) and the navigation fails.
      const refused = await (await stranger.newPage()).goto(guarded.server.url).then(
        () => 'loaded',
        (error: Error) => error.message,
      );
      expect(refused).toMatch(/ERR_INVALID_AUTH_CREDENTIALS/);
      await stranger.close();
      // httpCredentials is what a person types into Chromium's native sign-in prompt.
      const admin = await browser.newContext({
        httpCredentials: { username: 'admin', password: token },
        viewport: { width: 1366, height: 700 },
      });
      const p = await admin.newPage();
      await watchCsp(p);
      await p.goto(guarded.server.url);
      await p.waitForFunction(() => document.querySelector('#modes')?.textContent?.includes('WeChat: mock'));
      await p.check('input[name=provider][value=dstore]');
      await p.fill('#dstore-id', 'pds_demo_1');
      await p.click('#form-dstore button');
      await p.waitForSelector('#result article.ok');
      expect(await p.locator('#result article').innerText()).toContain('S SUCCESS');
      await p.screenshot({ path: path.join(SHOTS, 'order-desk-with-token.png'), fullPage: true });
      await admin.close();
      expect(violations).toEqual([]);
    } finally {
      await guarded.stop();
    }
  }, 240_000);
});
