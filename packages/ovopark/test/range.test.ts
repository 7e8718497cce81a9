import { describe, expect, it } from 'vitest';
import { OvoparkBudgetError, OvoparkBusinessError, OvoparkInputError, type RangeProgress } from '../src/index.js';
import { envelope, MOBILE_LOGIN, ticket } from './support/fake-gateway.js';
import { useGateway } from './support/setup.js';
import { at, searches, spread, store } from './support/store.js';

const setup = useGateway();

describe('searchPosRange', () => {
  it('splits 3.5 hours into 4 windows of at most one hour that cover the range', async () => {
    const { gateway, client } = await setup(store([]));
    await client.searchPosRange({ depId: 1001, from: '2024-01-01 10:00:00', to: '2024-01-01 13:30:00' });
    const windows = searches(gateway.requests)
      .map((r) => [r.params.startTime!, r.params.endTime!] as const)
      .sort();
    expect(windows).toEqual([
      ['2024-01-01 10:00:00', '2024-01-01 11:00:00'],
      ['2024-01-01 11:00:00', '2024-01-01 12:00:00'],
      ['2024-01-01 12:00:00', '2024-01-01 13:00:00'],
      ['2024-01-01 13:00:00', '2024-01-01 13:30:00'],
    ]);
    for (const [start, end] of windows) expect(at(end) - at(start)).toBeLessThanOrEqual(3600_000);
  });

  it('pages a window of 250 tickets in 3 pages of at most 100', async () => {
    const { gateway, client } = await setup(store(spread('2024-01-01 10:00:00', '2024-01-01 11:00:00', 250)));
    const tickets = await client.searchPosRange({
      depId: 1001,
      from: '2024-01-01 10:00:00',
      to: '2024-01-01 10:59:59',
    });
    expect(tickets).toHaveLength(250);
    const calls = searches(gateway.requests);
    expect(calls.map((r) => r.params.pageNumber).sort()).toEqual(['1', '2', '3']);
    expect(calls.every((r) => r.params.pageSize === '100')).toBe(true);
  });

  it('uses the pageSize asked for', async () => {
    const { gateway, client } = await setup(store(spread('2024-01-01 10:00:00', '2024-01-01 11:00:00', 45)));
    const tickets = await client.searchPosRange({
      depId: 1001,
      from: '2024-01-01 10:00:00',
      to: '2024-01-01 11:00:00',
      pageSize: 20,
    });
    expect(tickets).toHaveLength(45);
    expect(
      searches(gateway.requests)
        .map((r) => r.params.pageNumber)
        .sort(),
    ).toEqual(['1', '2', '3']);
  });

  it('stops paging at a short page even when total says more', async () => {
    const { gateway, client } = await setup((req) =>
      req.mt === MOBILE_LOGIN
        ? { body: envelope('0', { token: 't' }) }
        : { body: envelope('0', { total: 1000, content: [ticket('A'), ticket('B')] }) },
    );
    await client.searchPosRange({ depId: 1001, from: '2024-01-01 10:00:00', to: '2024-01-01 10:30:00' });
    expect(searches(gateway.requests)).toHaveLength(1);
  });

  it('returns a ticket on a window boundary once, in time order', async () => {
    const times = [
      '2024-01-01 10:30:00',
      '2024-01-01 11:00:00',
      '2024-01-01 11:30:00',
      '2024-01-01 12:00:00',
      '2024-01-01 12:10:00',
    ];
    const { gateway, client } = await setup(store(times));
    const tickets = await client.searchPosRange({
      depId: 1001,
      from: '2024-01-01 10:00:00',
      to: '2024-01-01 12:30:00',
    });
    const returned = searches(gateway.requests).length;
    expect(returned).toBe(3);
    expect(tickets.map((t) => t.ticketTime)).toEqual(times);
    expect(new Set(tickets.map((t) => t.ticketId)).size).toBe(5);
  });

  it('never has more calls in flight than concurrency, and uses them all', async () => {
    const { gateway, client } = await setup(
      store(spread('2024-01-01 00:00:00', '2024-01-01 10:00:00', 50), { delayMs: 15 }),
    );
    await client.searchPosRange({
      depId: 1001,
      from: '2024-01-01 00:00:00',
      to: '2024-01-01 10:00:00',
      concurrency: 3,
    });
    expect(searches(gateway.requests)).toHaveLength(10);
    expect(gateway.maxInFlight).toBe(3);
  });

  it('defaults to two calls in flight', async () => {
    const { gateway, client } = await setup(store([], { delayMs: 10 }));
    await client.searchPosRange({ depId: 1001, from: '2024-01-01 00:00:00', to: '2024-01-01 06:00:00' });
    expect(gateway.maxInFlight).toBe(2);
  });

  it('stops before exceeding the call budget, with what it fetched', async () => {
    // 8 one-hour windows of one page each: 8 calls needed.
    const { gateway, client } = await setup(store(spread('2024-01-01 00:00:00', '2024-01-01 08:00:00', 16)));
    const error = await client
      .searchPosRange({ depId: 1001, from: '2024-01-01 00:00:00', to: '2024-01-01 07:59:59', callBudget: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvoparkBudgetError);
    const e = error as OvoparkBudgetError;
    expect(searches(gateway.requests).length).toBeLessThanOrEqual(5);
    expect(e.calls).toBe(searches(gateway.requests).length);
    expect(e.windowsDone).toBe(5);
    expect(e.windowsTotal).toBe(8);
    // Two per completed hour, and the one at 05:00:00 that window 5 shares with window 6.
    expect(e.tickets).toHaveLength(11);
    expect(e.incompleteWindows).toEqual([
      { startTime: '2024-01-01 05:00:00', endTime: '2024-01-01 06:00:00' },
      { startTime: '2024-01-01 06:00:00', endTime: '2024-01-01 07:00:00' },
      { startTime: '2024-01-01 07:00:00', endTime: '2024-01-01 07:59:59' },
    ]);
    expect(e.message).toMatch(/range again from '2024-01-01 05:00:00' to '2024-01-01 07:59:59'/);
  });

  it('counts retries against the budget', async () => {
    let failures = 2;
    const { gateway, client } = await setup((req) => {
      if (req.mt === MOBILE_LOGIN) return { body: envelope('0', { token: 't' }) };
      if (failures-- > 0) return { body: envelope('-999') };
      return { body: envelope('0', { total: 0, content: [] }) };
    });
    await expect(
      client.searchPosRange({
        depId: 1001,
        from: '2024-01-01 00:00:00',
        to: '2024-01-01 02:00:00',
        concurrency: 1,
        callBudget: 3,
      }),
    ).rejects.toBeInstanceOf(OvoparkBudgetError);
    expect(searches(gateway.requests)).toHaveLength(3);
  });

  it('reports progress after every page', async () => {
    const { client } = await setup(store(spread('2024-01-01 10:00:00', '2024-01-01 11:00:00', 150)));
    const progress: RangeProgress[] = [];
    await client.searchPosRange({
      depId: 1001,
      from: '2024-01-01 10:00:00',
      to: '2024-01-01 12:00:00',
      concurrency: 1,
      onProgress: (p) => progress.push(p),
    });
    expect(progress).toHaveLength(3);
    expect(progress.at(-1)).toEqual({ windowsDone: 2, windowsTotal: 2, pages: 3, tickets: 150, calls: 3 });
    expect(progress.map((p) => p.pages)).toEqual([1, 2, 3]);
  });

  it('reads "POS data does not exist" (208018) as an empty window', async () => {
    const { client } = await setup((req) =>
      req.mt === MOBILE_LOGIN
        ? { body: envelope('0', { token: 't' }) }
        : req.params.startTime === '2024-01-01 10:00:00'
          ? { body: envelope('208018') }
          : { body: envelope('0', { total: 1, content: [ticket('X')] }) },
    );
    const tickets = await client.searchPosRange({
      depId: 1001,
      from: '2024-01-01 10:00:00',
      to: '2024-01-01 12:00:00',
    });
    expect(tickets.map((t) => t.ticketId)).toEqual(['X']);
  });

  it('fails on the first other error', async () => {
    const { client } = await setup((req) =>
      req.mt === MOBILE_LOGIN ? { body: envelope('0', { token: 't' }) } : { body: envelope('206004') },
    );
    await expect(
      client.searchPosRange({ depId: 9, from: '2024-01-01 10:00:00', to: '2024-01-01 15:00:00' }),
    ).rejects.toBeInstanceOf(OvoparkBusinessError);
  });

  it('accepts Dates and formats them in the platform time zone', async () => {
    const { gateway, client } = await setup(store([]));
    await client.searchPosRange({
      depId: 1001,
      from: new Date('2024-01-01T02:00:00Z'),
      to: new Date('2024-01-01T02:30:00.900Z'),
    });
    expect(searches(gateway.requests)[0]!.params).toMatchObject({
      startTime: '2024-01-01 10:00:00',
      endTime: '2024-01-01 10:30:00',
    });
  });

  it.each([
    ['from after to', { from: '2024-01-01 12:00:00', to: '2024-01-01 10:00:00' }, /after/],
    ['an unparseable from', { from: 'yesterday', to: '2024-01-01 10:00:00' }, /from "yesterday" is not a date/],
    ['a day that does not exist', { from: '2024-02-30 00:00:00', to: '2024-03-01 10:00:00' }, /not a date/],
    ['an invalid Date', { from: new Date('nope'), to: '2024-01-01 10:00:00' }, /invalid Date/],
    ['pageSize over 100', { pageSize: 101 }, /pageSize must be an integer from 1 to 100/],
    ['concurrency 0', { concurrency: 0 }, /concurrency/],
    ['a budget of 0', { callBudget: 0 }, /callBudget/],
    ['a bad depId', { depId: -1 }, /depId/],
  ])('refuses %s before any call', async (_label, bad, message) => {
    const { gateway, client } = await setup(store([]));
    const params = { depId: 1001, from: '2024-01-01 10:00:00', to: '2024-01-01 11:00:00', ...bad };
    await expect(client.searchPosRange(params)).rejects.toThrow(message);
    await expect(client.searchPosRange(params)).rejects.toBeInstanceOf(OvoparkInputError);
    expect(() => client.streamPosRange(params)).toThrow(OvoparkInputError);
    expect(gateway.requests).toHaveLength(0);
  });
});
