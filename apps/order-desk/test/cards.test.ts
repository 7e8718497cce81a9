import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WeChatApiError } from '@orderkit/wechat';
import { wechatErrorCard } from '../src/providers/wechat/cards.js';

describe('wechatErrorCard', () => {
  it("labels an errcode the spec does not know as an unknown code, with WeChat's errmsg (the set is open)", () => {
    const card = wechatErrorCard('DD1', new WeChatApiError(99999, 'made up rid: 1-2-3', 'getOrder'), 12, 'mock');
    expect(card.outcome).toBe('fail');
    expect(card.code).toEqual({ value: '99999', meaning: 'unknown code: made up rid: 1-2-3' });
    expect(card.raw).toEqual({ errcode: 99999, errmsg: 'made up rid: 1-2-3' });
  });

  it('gives a known common code its meaning from the spec', () => {
    const card = wechatErrorCard(
      'DD1',
      new WeChatApiError(45009, 'reach max api daily quota limit', 'getOrder'),
      12,
      'live',
    );
    expect(card.code).toEqual({ value: '45009', meaning: "The API's daily call quota is used up." });
  });
});

describe('outcome and audit code come from the typed error', () => {
  it('takes unknown from error.outcome, not from the class name', async () => {
    const { OrderkitError, OrderkitProviderError, OrderkitTimeoutError } = await import('@orderkit/core');
    const { resultCodeOf } = await import('../src/cards.js');
    const { ovoparkErrorCard } = await import('../src/providers/ovopark/cards.js');
    const { dstoreErrorCard } = await import('../src/providers/dstore/cards.js');
    // A name that the old regex would have read as "unknown", with a definite outcome.
    class TimeoutLookingFailure extends OrderkitError {}
    const definite = new TimeoutLookingFailure('no', {
      provider: 'ovopark',
      operation: 'searchPos',
      outcome: 'failed',
    });
    expect(ovoparkErrorCard(1, definite, 1, 'mock').outcome).toBe('fail');
    const slow = new OrderkitTimeoutError('slow', { provider: 'dstore', operation: 'inquireOrderDetail' });
    expect(dstoreErrorCard('http://x', 'id', slow, 1, 'mock').outcome).toBe('unknown');
    const gateway = new OrderkitProviderError('no', { provider: 'ovopark', operation: 'searchPos', code: '206004' });
    expect(ovoparkErrorCard(1, gateway, 1, 'mock')).toMatchObject({
      outcome: 'fail',
      code: { value: '206004', meaning: 'department (store) does not exist' },
    });
    expect(resultCodeOf(gateway)).toBe('206004');
    expect(resultCodeOf(slow)).toBe('OrderkitTimeoutError');
  });

  it('gives WeChat busy (-1) an unknown outcome, from the spec', () => {
    const card = wechatErrorCard('DD1', new WeChatApiError(-1, 'system error', 'getOrder'), 12, 'mock');
    expect(card.outcome).toBe('unknown');
  });
});

describe('dates: ISO-style with their offset, in the reader zone or the provider zone', () => {
  it('formats an instant in the zone asked for, with the offset', async () => {
    const { formatDate, formatField } = await import('../src/cards.js');
    const iso = new Date(1_700_000_000_000).toISOString();
    expect(formatDate(iso, 'Asia/Shanghai')).toBe('2023-11-15 06:13:20 +08:00');
    expect(formatDate(iso, 'UTC')).toBe('2023-11-14 22:13:20 +00:00');
    expect(formatField({ date: iso, zone: 'America/New_York' })).toBe('2023-11-14 17:13:20 -05:00');
    // Without a zone: the process's own (what the CLI's reader sees), still with its offset.
    expect(formatField({ date: iso })).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$/);
    expect(formatField({ amount: '99.00', currency: 'CNY' })).toBe('99.00 CNY');
  });

  it("shows Ovopark's ticket times as the platform means them: China time, +08:00, not converted", async () => {
    const { formatField } = await import('../src/cards.js');
    const { ovoparkTicketsCard } = await import('../src/providers/ovopark/cards.js');
    const card = ovoparkTicketsCard(
      1001,
      '2024-01-01 10:00:00',
      '2024-01-01 12:00:00',
      [{ ticketId: 'T1', depId: 1001, ticketTime: '2024-01-01 11:05:00' }],
      5,
      'mock',
      2,
    );
    expect(card.table?.columns[1]).toBe('Time');
    expect(formatField(card.table!.rows[0]![1]!)).toBe('2024-01-01 11:05:00 +08:00');
  });
});

describe('the "ran against" badge says whether anything answered', () => {
  it('adds "no answer" for a connection failure or a timeout and "not sent" for refused input', async () => {
    const { OrderkitConnectionError, OrderkitInputError, OrderkitTimeoutError } = await import('@orderkit/core');
    const { ranAgainst } = await import('../src/cards.js');
    const { ovoparkErrorCard } = await import('../src/providers/ovopark/cards.js');
    const { dstoreErrorCard } = await import('../src/providers/dstore/cards.js');
    const fields = { provider: 'x', operation: 'y' };
    const refused = new OrderkitConnectionError('ECONNREFUSED', fields);
    expect(ranAgainst(wechatErrorCard('DD1', refused, 3, 'mock'))).toBe('mock — no answer');
    expect(ranAgainst(ovoparkErrorCard(1, new OrderkitTimeoutError('slow', fields), 3, 'live'))).toBe(
      'live service — no answer',
    );
    expect(ranAgainst(dstoreErrorCard('http://x', 'id', refused, 1, 'local'))).toBe('our own endpoint — no answer');
    expect(ranAgainst(ovoparkErrorCard(1, new OrderkitInputError('bad', fields), 0, 'mock'))).toBe('mock — not sent');
    // A provider that answered no: it did answer.
    expect(ranAgainst(wechatErrorCard('DD1', new WeChatApiError(45009, 'quota', 'getOrder'), 3, 'mock'))).toBe('mock');
  });
});

describe('cards are titled by the id asked for', () => {
  it("titles a WeChat order by the id asked for and shows the answer's id when it differs", async () => {
    const { wechatOrderCard } = await import('../src/providers/wechat/cards.js');
    const order = {
      orderId: 'DD2981741311549200000',
      status: 20,
      orderPrice: 9900,
      createTime: 1_700_000_000_000,
      updateTime: 1_700_000_000_000,
      orderProductInfo: {},
      payInfo: { applyPayTime: 1_700_000_000 },
    } as unknown as Parameters<typeof wechatOrderCard>[1];
    const card = wechatOrderCard('DD1', order, 5, 'mock', null);
    expect(card.title).toBe('WeChat order DD1');
    expect(card.fields).toContainEqual(['Order id in the answer', 'DD2981741311549200000']);
    const same = wechatOrderCard('DD2981741311549200000', order, 5, 'mock', null);
    expect(same.fields.map(([k]) => k)).not.toContain('Order id in the answer');
  });
});

describe('a search that stops part-way keeps what it found', () => {
  it('says why in plain words, lists the tickets up to where it is complete and offers to continue', async () => {
    const { OvoparkBudgetError } = await import('@orderkit/ovopark');
    const { ovoparkStoppedCard } = await import('../src/providers/ovopark/cards.js');
    const tickets = [
      { ticketId: 'B', depId: 1001, ticketTime: '2023-11-14 21:30:00' },
      { ticketId: 'A', depId: 1001, ticketTime: '2023-11-14 10:15:00' },
      { ticketId: 'C', depId: 1001, ticketTime: '2023-11-14 22:40:00' },
    ];
    const budget = new OvoparkBudgetError({
      callBudget: 300,
      calls: 300,
      tickets,
      windowsDone: 12,
      windowsTotal: 48,
      incompleteWindows: [{ startTime: '2023-11-14 22:00:00', endTime: '2023-11-14 23:00:00' }],
    });
    const search = { depId: 1001, from: '2023-11-14 10:00:00', to: '2023-11-16 10:00:00' };
    const card = ovoparkStoppedCard(search, tickets, '2023-11-14 22:00:00', budget, 900, 'mock', 300);
    expect(card.stopped?.reason).toBe(
      'stopped after 300 gateway calls, the budget per search; found 2 tickets up to 2023-11-14 22:00:00 (+08:00)' +
        ' (and 1 after it, from hours not finished: fetched again when you continue)',
    );
    expect(card.stopped?.resume).toEqual({
      label: 'Continue from 2023-11-14 22:00:00',
      input: { depId: 1001, from: '2023-11-14 22:00:00', to: '2023-11-16 10:00:00' },
    });
    expect(card.table?.rows.map((r) => r[0])).toEqual(['A', 'B']);
    expect(card.raw).toHaveLength(3);
    expect(card.reply).toBe('answered');
    // Nothing written for programmers: no class or option names.
    const text = JSON.stringify([card.title, card.code, card.fields]);
    expect(text).not.toMatch(/OvoparkBudgetError|error\.tickets|callBudget|no gateway answer/);
  });
});

describe('the Ovopark service keeps what a search found when a gateway error stops it mid-way', () => {
  /** A stand-in gateway: `answer(method, params)` gives each call's `stat.code`, `data` and delay. */
  async function gatewayAnswering(
    answer: (mt: string, params: Record<string, string>) => { code: number; data?: unknown; delayMs?: number },
  ): Promise<{ url: string; close(): Promise<void> }> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        const params = Object.fromEntries(new URLSearchParams(body));
        const { code, data = null, delayMs = 0 } = answer(params._mt ?? '', params);
        const stat = { cid: 'cid-test', code, codename: String(code), systime: Date.now() };
        const text = JSON.stringify({ stat, result: code === 0 ? 'ok' : 'error', data });
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(text), delayMs);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  it('lists the tickets of the complete hours, says which code stopped it, and continues from there', async () => {
    const { createOvoparkService } = await import('../src/providers/ovopark/service.js');
    const { DEFAULT_AID } = await import('@orderkit/ovopark');
    // Hours 10:00 and 11:00 answer one ticket each; the 12:00 hour is refused with a business code,
    // late enough that the 11:00 hour (in flight beside it) has answered.
    const gateway = await gatewayAnswering((mt, params) => {
      if (mt === 'open.shopweb.security.mobileLogin') return { code: 0, data: { token: 't' } };
      const start = params.startTime ?? '';
      if (start.startsWith('2024-01-01 12')) return { code: 206004, delayMs: 150 };
      const content = [{ ticketId: `T${start.slice(11, 13)}`, depId: 1001, ticketTime: start }];
      return { code: 0, data: { total: 1, pageNumber: 1, pageSize: 100, content } };
    });
    try {
      const audited: unknown[] = [];
      const service = createOvoparkService({
        config: {
          akey: 'akey',
          secret: 'secret',
          account: 'account',
          password: 'password',
          aid: DEFAULT_AID,
          passwordEncoding: 'md5',
          baseUrl: gateway.url,
          mode: 'mock',
        },
        audit: async (entry: unknown) => void audited.push(entry),
      } as unknown as Parameters<typeof createOvoparkService>[0]);
      const search = { depId: 1001, from: '2024-01-01 10:00:00', to: '2024-01-01 13:00:00' };
      const [card] = await service.search(search);
      expect(card!.stopped?.reason).toBe(
        'stopped: the gateway answered 206004 (department (store) does not exist); found 2 tickets up to 2024-01-01 12:00:00 (+08:00)',
      );
      expect(card!.table?.rows.map((r) => r[0])).toEqual(['T10', 'T11']);
      expect(card!.stopped?.resume?.input).toEqual({ ...search, from: '2024-01-01 12:00:00' });
      expect(card!.code?.value).toBe('206004');
      expect(card!.reply).toBe('answered');
      expect(audited).toHaveLength(1);
    } finally {
      await gateway.close();
    }
  });
});
