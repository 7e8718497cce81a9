/** What every CLI command shares: option parsing, usage errors (exit 2) and printing cards. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Card, exitCodeOf, type FieldValue } from '../cards.js';

/** Bad usage or input: printed as one line, exit 2. */
export class UsageError extends Error {}

export type Values = Record<string, string | boolean | undefined>;

export function parse(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { ...options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function formatField(v: FieldValue): string {
  if (typeof v === 'object' && 'date' in v) return `${new Date(v.date).toLocaleString()} (${v.date})`;
  if (typeof v === 'object' && 'amount' in v) return `${v.amount} ${v.currency}`;
  return String(v);
}

export function printCards(cards: Card[], json: boolean): number {
  if (json) console.log(JSON.stringify({ cards }, null, 2));
  else {
    for (const c of cards) {
      console.log(`${c.outcome === 'ok' ? '✔' : c.outcome === 'unknown' ? '?' : '✘'} ${c.title}`);
      if (c.code) console.log(`  result: ${c.code.value} — ${c.code.meaning}`);
      for (const [k, v] of c.fields) console.log(`  ${k}: ${formatField(v)}`);
      if (c.table) {
        console.log(`  ${c.table.columns.join(' | ')}`);
        for (const row of c.table.rows) console.log(`  ${row.map(formatField).join(' | ')}`);
      }
      console.log(`  latency: ${c.latencyMs} ms, against: ${c.mode}`);
    }
  }
  return exitCodeOf(cards);
}
