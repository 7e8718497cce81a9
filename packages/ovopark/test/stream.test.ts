import { describe, expect, it } from 'vitest';
import { OvoparkBudgetError, OvoparkBusinessError, type SchemaPosTicket } from '../src/index.js';
import { useGateway } from './support/setup.js';
import { searches, spread, store } from './support/store.js';
import { envelope, SEARCH_POS } from './support/fake-gateway.js';

const setup = useGateway();

describe('streamPosRange', () => {
  it('yields the same distinct tickets as searchPosRange', async () => {
    const times = [
      ...spread('2024-01-01 10:00:00', '2024-01-01 13:00:00', 260),
      '2024-01-01 11:00:00',
      '2024-01-01 12:00:00',
    ];
    const { client } = await setup(store(times));
    const range = { depId: 1001, from: '2024-01-01 10:00:00', to: '2024-01-01 13:00:00', concurrency: 3 };
    const all = await client.searchPosRange(range);
    const streamed: SchemaPosTicket[] = [];
    for await (const t of client.streamPosRange(range)) streamed.push(t);
    expect(streamed).toHaveLength(all.length);
    expect(new Set(streamed.map((t) => t.ticketId))).toEqual(new Set(all.map((t) => t.ticketId)));
  });

  it('ends with the budget error after yielding what it fetched', async () => {
    const { client } = await setup(store(spread('2024-01-01 00:00:00', '2024-01-01 08:00:00', 16)));
    const streamed: SchemaPosTicket[] = [];
    const error = await (async () => {
      for await (const t of client.streamPosRange({
        depId: 1001,
        from: '2024-01-01 00:00:00',
        to: '2024-01-01 07:59:59',
        callBudget: 5,
      })) {
        streamed.push(t);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkBudgetError);
    expect(streamed).toHaveLength(11);
    expect((error as OvoparkBudgetError).tickets).toEqual(streamed);
  });

  it('stops its calls when the consumer breaks out', async () => {
    const { gateway, client } = await setup(
      store(spread('2024-01-01 00:00:00', '2024-01-02 00:00:00', 240), { delayMs: 5 }),
    );
    for await (const t of client.streamPosRange({
      depId: 1001,
      from: '2024-01-01 00:00:00',
      to: '2024-01-02 00:00:00',
    })) {
      void t;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(searches(gateway.requests).length).toBeLessThanOrEqual(6);
  });

  it('says up to where the range is complete, so a range stopped by an error mid-way can resume', async () => {
    // Windows of 00:00, 01:00 and 02:00 answer; the one of 03:00 fails with a business code.
    const tickets = store(spread('2024-01-01 00:00:00', '2024-01-01 06:00:00', 12));
    const { client } = await setup((req, n) =>
      req.mt === SEARCH_POS && req.params.startTime === '2024-01-01 03:00:00'
        ? { body: envelope('206004') }
        : tickets(req, n),
    );
    const until: string[] = [];
    const streamed: SchemaPosTicket[] = [];
    const error = await (async () => {
      for await (const t of client.streamPosRange({
        depId: 1001,
        from: '2024-01-01 00:00:00',
        to: '2024-01-01 05:59:59',
        concurrency: 1,
        onCompleteUntil: (u) => until.push(u),
      }))
        streamed.push(t);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkBusinessError);
    expect(until).toEqual(['2024-01-01 01:00:00', '2024-01-01 02:00:00', '2024-01-01 03:00:00']);
    // Every ticket before 03:00:00 was handed over (two an hour, and the one at 03:00:00 itself).
    expect(streamed.filter((t) => t.ticketTime! < '2024-01-01 03:00:00')).toHaveLength(6);
  });

  it('reports the range complete up to its end once every window is fetched', async () => {
    const { client } = await setup(store(spread('2024-01-01 00:00:00', '2024-01-01 02:00:00', 4)));
    const until: string[] = [];
    await client.searchPosRange({
      depId: 1001,
      from: '2024-01-01 00:00:00',
      to: '2024-01-01 01:30:00',
      concurrency: 1,
      onCompleteUntil: (u) => until.push(u),
    });
    expect(until).toEqual(['2024-01-01 01:00:00', '2024-01-01 01:30:00']);
  });
});
