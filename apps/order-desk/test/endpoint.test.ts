import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTable, runDStoreConformance } from '@orderkit/contract/providers/dstore';
import { startStack, type Stack } from './support.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

describe('our D-Store endpoint', () => {
  it('passes the conformance runner (7 cases) on the real store', async () => {
    const results = await runDStoreConformance({
      target: `${stack.server.endpointUrl}/v2/pos/inquireOrderDetail`,
      clientId: stack.config.dstore.clientId,
      dstorePrivateKey: stack.config.dstore.client!.dstorePrivateKey,
      posPublicKey: stack.config.dstore.client!.posPublicKey,
      knownOrderId: 'pds_demo_1',
    });
    expect(formatTable(results)).toMatch(/7 passed, 0 failed$/);
  });

  it('answers from the store: an order recorded through the API is found, with its status', async () => {
    const res = await fetch(`${stack.server.url}/api/pos/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestOrderId: 'pds_api_1', posOrderId: 'P-77', orderStatus: 'READY' }),
    });
    expect(res.status).toBe(201);
    const { cards } = (await (
      await fetch(`${stack.server.url}/api/dstore/inquire`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ requestOrderId: 'pds_api_1' }),
      })
    ).json()) as { cards: Array<{ code: { value: string }; fields: Array<[string, unknown]> }> };
    expect(cards[0]!.code.value).toBe('S SUCCESS');
    expect(cards[0]!.fields).toContainEqual([
      'Order status',
      'READY — The order is ready for pick-up or to enjoy (success group).',
    ]);
    expect(cards[0]!.fields).toContainEqual(['Response signature', 'verified with the POS public key']);
  });

  it('writes every inquiry received and made to the audit log, with no secret', async () => {
    const audit = async () =>
      ((await (await fetch(`${stack.server.url}/api/audit`)).json()) as { entries: Array<Record<string, unknown>> })
        .entries;
    // Audit rows are committed in groups at most 200 ms apart (order-store AUDIT_FLUSH_SPACING_MS):
    // the inquiries received and the ones made may land in different groups, so wait for both.
    const count = (rows: Array<Record<string, unknown>>, direction: string) =>
      rows.filter((e) => e.direction === direction && e.provider === 'dstore').length;
    await expect
      .poll(
        async () => {
          const rows = await audit();
          return count(rows, 'received') >= 8 && count(rows, 'made') >= 1;
        },
        { timeout: 5_000 },
      )
      .toBe(true);
    const entries = await audit();
    const received = entries.filter((e) => e.direction === 'received' && e.provider === 'dstore');
    const made = entries.filter((e) => e.direction === 'made' && e.provider === 'dstore');
    expect(received.length).toBeGreaterThanOrEqual(8);
    expect(made.length).toBeGreaterThanOrEqual(1);
    const text = JSON.stringify(entries);
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain('signature=');
  });

  it('refuses bad JSON API input with one clear 400 line', async () => {
    const res = await fetch(`${stack.server.url}/api/pos/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestOrderId: 'x', posOrderId: 'y', orderStatus: 'SHIPPED' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/orderStatus/);
    // Declared as JSON (the admin face refuses any other Content-Type on a write, with 415: security.test.ts).
    const notJson = await fetch(`${stack.server.url}/api/wechat/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'the body must be JSON' });
  });
});
