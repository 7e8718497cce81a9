/**
 * Ovopark's cards: a store's tickets in a range, a search that stopped part-way (what it found, why
 * it stopped, where to continue), or a failed search (code meanings from the spec). The platform's
 * times are wall-clock times in China (Asia/Shanghai, +08:00): they are shown as the platform means
 * them, with that offset, never converted to the reader's zone.
 */
import {
  type components,
  describeCode,
  OvoparkBudgetError,
  PLATFORM_TIME_ZONE,
  parseDateTime,
} from '@orderkit/ovopark';
import {
  OrderkitAbortError,
  OrderkitAnswerError,
  OrderkitConnectionError,
  OrderkitError,
  OrderkitTimeoutError,
} from '@orderkit/core';
import { type Card, date, errorCode, errorFields, errorOutcome, type FieldValue, replyOf } from '../../cards.js';
import type { Mode } from '../../env.js';

type Ticket = components['schemas']['PosTicket'];
const PROVIDER = 'ovopark';

/** A `yyyy-MM-dd HH:mm:ss` platform time as a date shown in the platform's zone; other text as it is. */
function platformTime(text: string | null | undefined): FieldValue {
  if (!text) return '—';
  const ms = parseDateTime(text, PLATFORM_TIME_ZONE);
  return ms === undefined ? text : date(new Date(ms), PLATFORM_TIME_ZONE);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const rangeText = (from: string, to: string) => `${from} → ${to} (China time, +08:00)`;
const meaningOf = (code: string) => describeCode(code)?.meaning ?? 'undocumented code';

function ticketTable(tickets: Ticket[]): NonNullable<Card['table']> {
  return {
    columns: ['Ticket', 'Time', 'Till', 'Cashier', 'Total', 'Paid'],
    rows: tickets.map((t) => [
      t.ticketId,
      platformTime(t.ticketTime),
      t.machineId ?? '—',
      t.cashierName ?? '—',
      t.totalAmount === undefined ? '—' : { amount: t.totalAmount.toFixed(2), currency: 'CNY' },
      t.payAmount === undefined ? '—' : { amount: t.payAmount.toFixed(2), currency: 'CNY' },
    ]),
  };
}

/** Tickets in time order (the platform's text sorts as time); those without a time last, in arrival order. */
function byTime(tickets: Ticket[]): Ticket[] {
  const key = (t: Ticket) => t.ticketTime ?? '\uffff';
  return [...tickets].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

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
    title: `Ovopark store ${depId}: ${plural(tickets.length, 'ticket')}`,
    outcome: 'ok',
    code: { value: '0', meaning: describeCode('0')?.meaning ?? 'SUCCESS' },
    fields: [
      ['Range', rangeText(from, to)],
      ['searchPos calls', calls],
    ],
    table: ticketTable(byTime(tickets)),
    latencyMs,
    mode,
    reply: 'answered',
    raw: tickets,
  };
}

/** Why a search stopped, in plain words (no class or option names). */
function stopReason(error: unknown, calls: number): string {
  if (error instanceof OvoparkBudgetError)
    return `stopped after ${plural(calls, 'gateway call')}, the budget per search`;
  if (error instanceof OrderkitTimeoutError) return 'stopped: the gateway did not answer a call in time';
  if (error instanceof OrderkitConnectionError) return 'stopped: the gateway could not be reached';
  if (error instanceof OrderkitAbortError) return 'stopped: the search was cancelled';
  if (error instanceof OrderkitAnswerError) return 'stopped: the gateway sent an answer the contract does not describe';
  if (error instanceof OrderkitError && error.code !== undefined)
    return `stopped: the gateway answered ${error.code} (${meaningOf(error.code)})`;
  return `stopped by an error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * A search that stopped before its end, after fetching part of the range. The range is complete up
 * to `until` (the platform's `yyyy-MM-dd HH:mm:ss`): the table lists the tickets before it, and
 * "continue" searches from it to `to`, so the two parts neither overlap nor leave a gap. Tickets
 * already fetched from the hours after `until` are fetched again by continuing; the raw response
 * keeps every ticket found.
 */
export function ovoparkStoppedCard(
  search: { depId: number; from: string; to: string },
  found: Ticket[],
  until: string,
  error: unknown,
  latencyMs: number,
  mode: Mode,
  calls: number,
): Card {
  const { depId, from, to } = search;
  const sorted = byTime(found);
  const before = sorted.filter((t) => !t.ticketTime || t.ticketTime < until);
  const later = sorted.length - before.length;
  const reason =
    `${stopReason(error, calls)}; found ${plural(before.length, 'ticket')} up to ${until} (+08:00)` +
    (later ? ` (and ${later} after it, from hours not finished: fetched again when you continue)` : '');
  const budget = error instanceof OvoparkBudgetError;
  return {
    provider: PROVIDER,
    title: `Ovopark store ${depId}: ${plural(before.length, 'ticket')} up to ${until}, search stopped`,
    outcome: errorOutcome(error),
    code: budget
      ? { value: 'STOPPED', meaning: 'the call budget per search is used up (ours: not a gateway code)' }
      : errorCode(error, 'no gateway answer', meaningOf),
    fields: [
      ['Stopped', reason],
      ['Range', rangeText(from, to)],
      ['searchPos calls', calls],
      // The budget's own message is written for programmers (error.tickets, callBudget); the reason says it.
      ...(budget ? [] : errorFields(error)),
    ],
    table: ticketTable(before),
    latencyMs,
    mode,
    reply: 'answered',
    stopped: { reason, resume: { label: `Continue from ${until}`, input: { depId, from: until, to } } },
    raw: sorted,
  };
}

export function ovoparkErrorCard(depId: number, error: unknown, latencyMs: number, mode: Mode): Card {
  return {
    provider: PROVIDER,
    title: `Ovopark store ${depId}`,
    outcome: errorOutcome(error),
    code: errorCode(error, 'no gateway answer', meaningOf),
    fields: errorFields(error),
    latencyMs,
    mode,
    reply: replyOf(error),
    raw: null,
  };
}
