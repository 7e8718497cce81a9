/**
 * What every CLI command prints: cards for people, the typed results with `--json`, and the exit
 * code of a set of lookups. Usage errors (exit 2) are one line.
 */
import { OrderkitConfigError, OrderkitError, OrderkitInputError } from '@orderkit/core';
import { type Card, errorOutcome, exitCodeOf, formatField, type Outcome, ranAgainst } from '../cards.js';
import { ConfigError } from '../env.js';
import type { Lookup, Looked } from '../providers/registry.js';

/** Bad usage or input: printed as one line, exit 2. */
export class UsageError extends Error {}

/** Refused before anything was sent: the kit's input and configuration kinds, and the app's configuration. */
export const notSent = (error: unknown): boolean =>
  error instanceof OrderkitInputError || error instanceof OrderkitConfigError || error instanceof ConfigError;

/** Prints cards for people and returns their exit code. */
export function printCards(cards: Card[]): 0 | 1 | 3 {
  for (const c of cards) {
    console.log(`${c.outcome === 'ok' ? '✔' : c.outcome === 'unknown' ? '?' : '✘'} ${c.title}`);
    if (c.code) console.log(`  result: ${c.code.value} — ${c.code.meaning}`);
    for (const [k, v] of c.fields) console.log(`  ${k}: ${formatField(v)}`);
    if (c.table) {
      console.log(`  ${c.table.columns.join(' | ')}`);
      for (const row of c.table.rows) console.log(`  ${row.map(formatField).join(' | ')}`);
    }
    console.log(`  latency: ${c.latencyMs} ms, against: ${ranAgainst(c)}`);
  }
  return exitCodeOf(cards);
}

/** One lookup as `--json` prints it (the shape the README documents). */
export interface LookupJson {
  asked: unknown;
  outcome: Outcome;
  /** The provider client's result (success only). */
  result?: unknown;
  /** What a failed lookup had found before it stopped. */
  partial?: unknown;
  /** Failures: the provider's code, or null when none came back. */
  code?: string | null;
  /** Failures: the kit's error fields (no stack, no cause, no secrets). */
  error?: { name: string; message: string; retryable: boolean; hint: string | null };
  calls?: number;
  latencyMs: number;
  mode: string;
}

export interface LookupsJson {
  provider: string;
  operation: string;
  /** The exit code the command returns: 0 all ok, 1 the provider said no, 3 an outcome unknown. */
  exitCode: number;
  results: LookupJson[];
}

function lookupJson(lookup: Lookup<unknown, unknown>): LookupJson {
  const { asked, error, calls, latencyMs, mode } = lookup;
  const tail = { ...(calls === undefined ? {} : { calls }), latencyMs, mode };
  if (error === undefined) return { asked, outcome: 'ok', result: lookup.result, ...tail };
  const kit = error instanceof OrderkitError ? error : undefined;
  return {
    asked,
    outcome: errorOutcome(error),
    code: kit?.code ?? null,
    error: {
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
      retryable: kit?.retryable ?? false,
      hint: kit?.hint ?? null,
    },
    ...(lookup.partial === undefined ? {} : { partial: lookup.partial }),
    ...tail,
  };
}

/** The exit code of a set of lookups: 3 when an outcome is unknown, else 1 when one failed, else 0. */
export function exitCodeOfLookups(lookups: readonly Lookup<unknown, unknown>[]): 0 | 1 | 3 {
  const outcomes = lookups.map((l) => (l.error === undefined ? 'ok' : errorOutcome(l.error)));
  if (outcomes.includes('unknown')) return 3;
  return outcomes.includes('fail') ? 1 : 0;
}

/**
 * Prints a service's lookups and returns the exit code. A lookup refused before anything was sent
 * is bad input: a UsageError with its one line (exit 2), nothing on stdout.
 */
export function printLookups<A, R>(looked: Looked<A, R>, json: boolean): number {
  const refused = looked.lookups.find((l) => l.error !== undefined && notSent(l.error));
  if (refused) throw new UsageError((refused.error as Error).message);
  const exitCode = exitCodeOfLookups(looked.lookups);
  if (json) {
    const out: LookupsJson = {
      provider: looked.provider,
      operation: looked.operation,
      exitCode,
      results: looked.lookups.map(lookupJson),
    };
    console.log(JSON.stringify(out, null, 2));
  } else printCards(looked.cards);
  return exitCode;
}
