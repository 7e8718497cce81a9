/** Ovopark's cards: a store's tickets in a range, or a failed search (code meanings from the spec). */
import { type components, describeCode } from '@orderkit/ovopark';
import { type Card, errorCode, errorFields, errorOutcome } from '../../cards.js';
import type { Mode } from '../../env.js';

type Ticket = components['schemas']['PosTicket'];
const PROVIDER = 'ovopark';

export function ovoparkTicketsCard(
  depId: number,
  from: string,
  to: string,
  tickets: Ticket[],
  latencyMs: number,
  mode: Mode,
  calls: number,
): Card {
  return {
    provider: PROVIDER,
    title: `Ovopark store ${depId}: ${tickets.length} ticket${tickets.length === 1 ? '' : 's'}`,
    outcome: 'ok',
    code: { value: '0', meaning: describeCode('0')?.meaning ?? 'SUCCESS' },
    fields: [
      ['Range', `${from} → ${to} (Asia/Shanghai)`],
      ['searchPos calls', calls],
    ],
    table: {
      columns: ['Ticket', 'Time (Asia/Shanghai)', 'Till', 'Cashier', 'Total', 'Paid'],
      rows: tickets.map((t) => [
        t.ticketId,
        t.ticketTime ?? '—',
        t.machineId ?? '—',
        t.cashierName ?? '—',
        t.totalAmount === undefined ? '—' : { amount: t.totalAmount.toFixed(2), currency: 'CNY' },
        t.payAmount === undefined ? '—' : { amount: t.payAmount.toFixed(2), currency: 'CNY' },
      ]),
    },
    latencyMs,
    mode,
    raw: tickets,
  };
}

export function ovoparkErrorCard(depId: number, error: unknown, latencyMs: number, mode: Mode): Card {
  return {
    provider: PROVIDER,
    title: `Ovopark store ${depId}`,
    outcome: errorOutcome(error),
    code: errorCode(error, 'no gateway answer', (code) => describeCode(code)?.meaning ?? 'undocumented code'),
    fields: errorFields(error),
    latencyMs,
    mode,
    raw: null,
  };
}
