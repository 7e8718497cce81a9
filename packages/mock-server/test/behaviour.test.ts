import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@orderkit/core';
import { readFileSync } from 'node:fs';
import { resolvePointer } from '@orderkit/openapi-ajv';
import {
  example,
  json,
  parsePrefer,
  type MockAnswer,
  type RunningBehaviourMock,
  type SpecExample,
  startBehaviourMock,
} from '../src/behaviour.js';
import { bundlePath } from '../src/specs.js';

// The layer's plumbing on the WeChat bundle with a trivial backend: Prism validates both ways.
let mock: RunningBehaviourMock;
let answer: unknown = { access_token: 'T'.repeat(40), expires_in: 7200 };
let named: SpecExample | undefined;
let inBand: MockAnswer | undefined;
const seen: Array<string | undefined> = [];
const bodies: string[] = [];

beforeAll(async () => {
  const host = '127.0.0.1';
  mock = await startBehaviourMock({
    spec: bundlePath('wechat'),
    host,
    port: await freePort(host),
    faults: ['busy', 'slow', 'truncate', '5xx'],
    front: () => inBand,
    backend: (request) => {
      seen.push(request.fault);
      bodies.push(request.body.toString('utf8'));
      return named ?? json(answer);
    },
  });
}, 90_000);
afterAll(() => mock?.stop());

const token = (init?: RequestInit) =>
  fetch(`${mock.url}/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s`, init);

describe('behaviour layer', () => {
  it('forwards a valid request through Prism to the backend and its valid answer back', async () => {
    const res = await token();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(answer);
  });
  it('passes the asked in-band fault to the backend', async () => {
    await token({ headers: { prefer: 'fault=busy' } });
    expect(seen.at(-1)).toBe('busy');
  });
  it('gives the backend the body bytes the client sent, not Prism’s re-serialized copy', async () => {
    const sent = '{ "grant_type": "client_credential",\n  "appid": "wx1", "secret": "s" }';
    const res = await fetch(`${mock.url}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: sent,
    });
    expect(res.status).toBe(200);
    expect(bodies.at(-1)).toBe(sent);
  });
  it('turns an off-contract backend answer into Prism’s error, never the bad answer', async () => {
    answer = { access_token: 42 };
    const res = await token();
    answer = { access_token: 'T'.repeat(40), expires_in: 7200 };
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(await res.text()).toMatch(/violation|access_token|VIOLATIONS/i);
  });
  it('has Prism check an in-band answer of the front against the operation it routes to', async () => {
    inBand = json({ errcode: 40013, errmsg: 'invalid appid' });
    const fits = await token();
    inBand = json({ errcode: 'forty' });
    const off = await token();
    // No operation to check against: the answer goes as it is.
    const unrouted = await fetch(`${mock.url}/no/such/path`);
    inBand = undefined;
    expect(fits.status).toBe(200);
    expect(await fits.json()).toEqual({ errcode: 40013, errmsg: 'invalid appid' });
    expect(off.status).toBe(500);
    expect(off.headers.get('content-type')).toBe('application/problem+json');
    expect(await off.text()).toMatch(/VIOLATIONS|errcode/);
    expect(unrouted.status).toBe(200);
  });
  it('lets Prism answer from the spec example the backend names, and says so when there is none', async () => {
    const doc = JSON.parse(readFileSync(bundlePath('wechat'), 'utf8'));
    // The spec's own example, whatever `$ref`s lead to it.
    type Node = { $ref?: string; value?: unknown; content?: Record<string, { examples: Record<string, Node> }> };
    const deref = (node: Node) => (node.$ref ? resolvePointer(doc, node.$ref) : node) as Node;
    const ok = deref(doc.paths['/cgi-bin/token'].get.responses['200']);
    const expected = deref(ok.content?.['application/json']?.examples.invalidAppId ?? {}).value;
    named = example('invalidAppId');
    const res = await token();
    named = example('no-such-example');
    const missing = await token();
    named = undefined;
    expect(res.status).toBe(200);
    expect(expected).toMatchObject({ errcode: 40013 });
    expect(await res.json()).toEqual(expected);
    // A mock bug (an example the spec does not have) is Prism's error, not an answer.
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });
  it('answers 5xx, slow and truncate as asked, and refuses an unknown or unsupported fault', async () => {
    expect((await token({ headers: { prefer: 'fault=5xx' } })).status).toBe(503);
    const t0 = Date.now();
    expect((await token({ headers: { prefer: 'fault=slow, delay=300' } })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    await expect(token({ headers: { prefer: 'fault=truncate' } }).then((r) => r.text())).rejects.toThrow();
    const unknown = await token({ headers: { prefer: 'fault=nope' } });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/fault=nope .*busy/);
    expect((await token({ headers: { prefer: 'fault=quota' } })).status).toBe(400);
  });
  it('reads Prefer as RFC 7240 says', () => {
    expect(parsePrefer('return=minimal, fault=slow; x=1, delay=20')).toEqual({ fault: 'slow', delayMs: 20 });
    expect(parsePrefer('delay=-1').error).toMatch(/delay/);
  });
});
