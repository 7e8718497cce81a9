/**
 * Ticket lists under names the contract does not infer (issue 9): read leniently, with one warning
 * naming the field read and the spec file to correct.
 */
import { describe, expect, it } from 'vitest';
import type { OvoparkWarning } from '../src/index.js';
import { envelope, page, ticket, onSearchAfterRealLogin } from './support/fake-gateway.js';
import { HOUR, useGateway } from './support/setup.js';

const setup = useGateway();
const INFERRED_FILE = 'specs/ovopark/components/schemas/Inferred.yaml';

function collect(): { warnings: OvoparkWarning[]; onWarning: (w: OvoparkWarning) => void } {
  const warnings: OvoparkWarning[] = [];
  return { warnings, onWarning: (w) => warnings.push(w) };
}

describe('lenient reading of the inferred data', () => {
  const records = (ids: string[]) => ({ total: ids.length, records: ids.map((id) => ticket(id)) });

  it('searchPos: tickets under data.records are returned, with one warning naming the field and Inferred.yaml', async () => {
    const { warnings, onWarning } = collect();
    const { client } = await setup(
      onSearchAfterRealLogin(() => ({ body: envelope(0, records(['T1', 'T2'])) })),
      { onWarning },
    );
    const result = await client.searchPos(HOUR);
    expect(result.content.map((t) => t.ticketId)).toEqual(['T1', 'T2']);
    expect(result.total).toBe(2);
    expect(result.records).toBeDefined(); // data as received stays visible
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.field).toBe('data.records');
    expect(warnings[0]!.file).toBe(INFERRED_FILE);
    expect(warnings[0]!.message).toContain('data.records');
    expect(warnings[0]!.message).toContain(INFERRED_FILE);
  });

  it('searchPosRange: still returns the tickets, and warns once per client however many pages', async () => {
    const { warnings, onWarning } = collect();
    let n = 0;
    const { client } = await setup(
      onSearchAfterRealLogin(() => ({ body: envelope(0, records([`T${++n}`])) })),
      { onWarning },
    );
    const tickets = await client.searchPosRange({
      depId: 1001,
      from: '2024-01-01 00:00:00',
      to: '2024-01-01 03:00:00',
    });
    expect(tickets.map((t) => t.ticketId).sort()).toEqual(['T1', 'T2', 'T3']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ field: 'data.records', file: INFERRED_FILE });
  });

  it('reads data.rows, and the only array in data when no known name fits', async () => {
    for (const [data, field] of [
      [{ total: 1, rows: [ticket('R1')] }, 'data.rows'],
      [{ totalCount: 1, tickets: [ticket('R1')] }, 'data.tickets'],
    ] as const) {
      const { warnings, onWarning } = collect();
      const { client } = await setup(
        onSearchAfterRealLogin(() => ({ body: envelope(0, data) })),
        { onWarning },
      );
      const result = await client.searchPos(HOUR);
      expect(result.content.map((t) => t.ticketId)).toEqual(['R1']);
      expect(result.total).toBe(1);
      expect(warnings[0]!.field).toBe(field);
    }
  });

  it('a ticket whose own (inferred) fields differ is passed on, with a warning', async () => {
    const { warnings, onWarning } = collect();
    const { client } = await setup(
      onSearchAfterRealLogin(() => ({ body: envelope(0, page([{ ticketId: 42, depId: 1001 }])) })),
      { onWarning },
    );
    const result = await client.searchPos(HOUR);
    expect(result.content[0]!.ticketId).toBe(42);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/\/data\/content\/\*\/ticketId must be string/);
    expect(warnings[0]!.field).toBe('data.content');
  });

  it('defaults to console.warn', async () => {
    const original = console.warn;
    const seen: unknown[] = [];
    console.warn = (...args: unknown[]) => void seen.push(args.join(' '));
    try {
      const { client } = await setup(onSearchAfterRealLogin(() => ({ body: envelope(0, records(['T1'])) })));
      await client.searchPos(HOUR);
      await client.searchPos(HOUR);
    } finally {
      console.warn = original;
    }
    expect(seen).toHaveLength(1);
    expect(String(seen[0])).toContain(INFERRED_FILE);
  });
});
