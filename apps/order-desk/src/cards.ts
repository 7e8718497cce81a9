/**
 * Result cards: what the UI and the CLI show for one lookup. Each provider module builds its own
 * (status names, code meanings and units from its package, and through it from its spec); what is
 * the same for every provider is here: the card's shape, the exit code of a set of cards, and how a
 * kit error (`OrderkitError`: outcome, code, hint, retryable) becomes a card and an audit code.
 */
import {
  OrderkitAbortError,
  OrderkitConfigError,
  OrderkitConnectionError,
  OrderkitError,
  OrderkitInputError,
  OrderkitProviderError,
  OrderkitTimeoutError,
} from '@orderkit/core';
import type { Mode } from './env.js';

/**
 * A date is an instant (ISO string). Without `zone` it is shown in the reader's time zone (the
 * browser's, the CLI's); with one (IANA, e.g. `Asia/Shanghai`) in that zone, for providers whose
 * times are wall-clock times of their own zone. Either way with its offset: `2023-11-14 22:13:20 +08:00`.
 */
export type FieldValue = string | number | { date: string; zone?: string } | { amount: string; currency: string };
export type Outcome = 'ok' | 'fail' | 'unknown';

/** Whether anything answered: `no answer` (connection failed, timed out, cancelled), `not sent` (refused first). */
export type Reply = 'answered' | 'no answer' | 'not sent';

export interface Card {
  /** The registry id of the provider the card is about. */
  provider: string;
  title: string;
  outcome: Outcome;
  /** The provider's own result or error code, with its meaning from the spec. */
  code: { value: string; meaning: string } | null;
  fields: Array<[string, FieldValue]>;
  table?: { columns: string[]; rows: FieldValue[][] };
  latencyMs: number;
  /** `local`: our own endpoint (neither a mock nor a provider's live service). */
  mode: Mode | 'local';
  /** Whether the mock, live service or endpoint of `mode` answered: the "ran against" badge says both. */
  reply: Reply;
  /** A search that stopped before its end, keeping what it found: why, and the input that resumes it. */
  stopped?: { reason: string; resume?: { label: string; input: Record<string, unknown> } };
  raw: unknown;
}

/** What `mode` names, as the cards say it. */
export const modeLabel = (mode: Card['mode']): string =>
  mode === 'live' ? 'live service' : mode === 'local' ? 'our own endpoint' : 'mock';

/** What a call ran against, and whether it answered: `mock`, `live service — no answer`, … */
export const ranAgainst = (card: Pick<Card, 'mode' | 'reply'>): string =>
  card.reply === 'answered' ? modeLabel(card.mode) : `${modeLabel(card.mode)} — ${card.reply}`;

/** Whether anything answered the call that failed with `error` (by the kernel's error kinds). */
export function replyOf(error: unknown): Reply {
  if (error instanceof OrderkitInputError || error instanceof OrderkitConfigError) return 'not sent';
  if (
    error instanceof OrderkitConnectionError ||
    error instanceof OrderkitTimeoutError ||
    error instanceof OrderkitAbortError
  )
    return 'no answer';
  return 'answered';
}

/** Exit code of a set of cards: 0 all ok, 1 a provider failure, 3 an unknown outcome. */
export function exitCodeOf(cards: Card[]): 0 | 1 | 3 {
  if (cards.some((c) => c.outcome === 'unknown')) return 3;
  return cards.some((c) => c.outcome === 'fail') ? 1 : 0;
}

/** A card's outcome for an error: unknown when the error says so (`outcome`), else a failure. */
export const errorOutcome = (error: unknown): Outcome =>
  error instanceof OrderkitError && error.outcome === 'unknown' ? 'unknown' : 'fail';

/** The provider's own code of a failure it reported, else the error's name: what the audit log records. */
export function resultCodeOf(error: unknown): string {
  if (error instanceof OrderkitError && error.code !== undefined) return error.code;
  return error instanceof Error ? error.name : 'Error';
}

/**
 * The code line of an error card: the provider's code with `meaning(code)` (the spec's text; the
 * error's hint when the module has none), or the error's name and `noAnswer` when no code came back
 * (or that nothing was sent, for the kit's input and configuration kinds).
 */
export function errorCode(
  error: unknown,
  noAnswer: string,
  meaning: (code: string) => string | undefined = () => undefined,
): NonNullable<Card['code']> {
  if (error instanceof OrderkitError && error.code !== undefined)
    return { value: error.code, meaning: meaning(error.code) ?? error.hint ?? '' };
  const name = error instanceof Error ? error.name : 'Error';
  // The kit's input and configuration kinds are refused before anything is sent.
  if (error instanceof OrderkitInputError || error instanceof OrderkitConfigError)
    return { value: name, meaning: 'not sent: the input or the configuration is invalid' };
  return { value: name, meaning: noAnswer };
}

/** Whether trying again may help, and on whose word: the provider's only when it answered. */
function retryText(error: OrderkitError): string {
  if (!error.retryable) return 'will not help as is';
  if (error instanceof OrderkitProviderError) return 'may help (the provider says so)';
  return replyOf(error) === 'no answer' ? 'may help (nothing answered)' : 'may help';
}

/** The fields every error card ends with: what went wrong, and whether trying again may help. */
export function errorFields(error: unknown): Card['fields'] {
  const fields: Card['fields'] = [['Problem', error instanceof Error ? error.message : String(error)]];
  if (error instanceof OrderkitError) fields.push(['Retry', retryText(error)]);
  return fields;
}

export const since = (start: number) => Math.round(performance.now() - start);

/** Dates in a card: ISO strings, shown in the reader's time zone, or in `zone` when given. */
export const date = (d: Date | undefined, zone?: string): FieldValue =>
  d ? { date: d.toISOString(), ...(zone ? { zone } : {}) } : '—';

/**
 * `2023-11-14 22:13:20 +08:00`: ISO-style, in `zone` (IANA) or else the local time zone, with the
 * offset. public/ui.js formats the same way in the browser.
 */
export function formatDate(iso: string, zone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      ...(zone ? { timeZone: zone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
}

/** A field's value as text (the CLI): dates as formatDate, amounts with their currency. */
export function formatField(v: FieldValue): string {
  if (typeof v === 'object' && 'date' in v) return formatDate(v.date, v.zone);
  if (typeof v === 'object' && 'amount' in v) return `${v.amount} ${v.currency}`;
  return String(v);
}
