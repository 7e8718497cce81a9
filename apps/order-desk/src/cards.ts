/**
 * Result cards: what the UI and the CLI show for one lookup. Each provider module builds its own
 * (status names, code meanings and units from its package, and through it from its spec); what is
 * the same for every provider is here: the card's shape, the exit code of a set of cards, and how a
 * kit error (`OrderkitError`: outcome, code, hint, retryable) becomes a card and an audit code.
 */
import { OrderkitConfigError, OrderkitError, OrderkitInputError } from '@orderkit/core';
import type { Mode } from './env.js';

export type FieldValue = string | number | { date: string } | { amount: string; currency: string };
export type Outcome = 'ok' | 'fail' | 'unknown';

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
  raw: unknown;
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

/** The fields every error card ends with: what went wrong, and whether trying again may help. */
export function errorFields(error: unknown): Card['fields'] {
  const fields: Card['fields'] = [['Problem', error instanceof Error ? error.message : String(error)]];
  if (error instanceof OrderkitError)
    fields.push(['Retry', error.retryable ? 'may help (the provider says so)' : 'will not help as is']);
  return fields;
}

export const since = (start: number) => Math.round(performance.now() - start);

/** Dates in a card: ISO strings, shown in the reader's time zone. */
export const date = (d: Date | undefined): FieldValue => (d ? { date: d.toISOString() } : '—');
