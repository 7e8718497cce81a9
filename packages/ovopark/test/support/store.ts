/** A fake store of tickets behind the fake gateway, for the range tests. */
import { envelope, MOBILE_LOGIN, SEARCH_POS, ticket, type Handler, type SeenRequest } from './fake-gateway.js';

export const at = (text: string) => Date.parse(`${text.replace(' ', 'T')}+08:00`);
export const wall = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** Tickets at the given Shanghai times; searchPos answers the inclusive range, paged, like a list API. */
export function store(times: string[], options: { delayMs?: number; depId?: number } = {}): Handler {
  const tickets = times.map((time, i) =>
    ticket(`T${String(i).padStart(5, '0')}`, options.depId ?? 1001, { ticketTime: time }),
  );
  return (req) => {
    if (req.mt === MOBILE_LOGIN) return { body: envelope('0', { token: 'tok' }) };
    const { startTime = '', endTime = '', pageNumber = '1', pageSize = '100' } = req.params;
    const inRange = tickets.filter((t) => t.ticketTime >= startTime && t.ticketTime <= endTime);
    const size = Number(pageSize);
    const from = (Number(pageNumber) - 1) * size;
    return {
      body: envelope('0', {
        total: inRange.length,
        pageNumber: Number(pageNumber),
        pageSize: size,
        content: inRange.slice(from, from + size),
      }),
      ...(options.delayMs ? { delayMs: options.delayMs } : {}),
    };
  };
}

/** `count` tickets spread evenly over [from, to). */
export function spread(from: string, to: string, count: number): string[] {
  const start = at(from);
  const step = (at(to) - start) / count;
  return Array.from({ length: count }, (_, i) => wall(start + Math.floor((i * step) / 1000) * 1000));
}

export const searches = (requests: SeenRequest[]) => requests.filter((r) => r.mt === SEARCH_POS);
