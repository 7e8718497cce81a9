/**
 * An acknowledged write survives kill -9: a child process upserts orders one by one and prints
 * "ack <id>" after each upsert resolved; it is SIGKILLed mid-stream, and every acknowledged id
 * must be in the store when it is reopened.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/index.js';
import { storeOptions } from './options.js';
import { StoreChild, tempDataDir } from './support.js';

const WRITES = 100_000;
const KILL_AFTER_ACKS = 300;

describe('durability (PGlite)', () => {
  it('keeps every acknowledged upsert when the writer is killed with SIGKILL', { timeout: 180_000 }, async () => {
    const { dataDir, remove } = tempDataDir();
    // The store is created here, not by the writer: a child that creates the PGlite database was
    // ready after 10 s on a lightly loaded machine, one that opens it after 3 s. The creation is not
    // what this test is about, and in a loaded full run it alone outlasted the wait for the writer's
    // acknowledgements (no line at all from the child in 60 s).
    await (await openStore({ ...storeOptions, dataDir })).close();
    const child = new StoreChild(['upsert', dataDir, String(WRITES)]);
    await child.waitFor((lines) => lines.filter((l) => l.startsWith('ack ')).length >= KILL_AFTER_ACKS);
    await child.kill9();
    const acked = child.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice('ack '.length));
    expect(child.lines).not.toContain('done');
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    const store = await openStore({ ...storeOptions, dataDir });
    try {
      const missing: string[] = [];
      for (const id of acked) if (!(await store.getOrder(id))) missing.push(id);
      expect(missing).toEqual([]);
      const last = await store.getOrder(acked.at(-1) as string);
      expect(last).toMatchObject({ orderStatus: 'ACCEPTED', extendInfo: { i: acked.length - 1 } });
      console.info(
        `durability: killed after ${acked.length} acknowledged upserts; all ${acked.length} present after reopen`,
      );
    } finally {
      await store.close();
      await remove();
    }
  });
});
