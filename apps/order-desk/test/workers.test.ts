/**
 * ORDER_DESK_WORKERS (issue 13, item 2) as configuration: its defaults, the values refused with one
 * line each, the embedded store refusing more than one process (exit 2 from `node dist/main.js`),
 * and the rate limit divided among the workers. The workers running: two-instances.test.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, MAX_WORKERS, workers } from '../src/config.js';
import { rateLimitPerProcess } from '../src/providers/dstore/service.js';
import { MAIN } from './instances.js';

const PG = 'postgres://u@127.0.0.1:5432/db';
const dir = mkdtempSync(path.join(tmpdir(), 'order-desk-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ORDER_DESK_WORKERS', () => {
  it('defaults to 1 on the embedded store and to the core count on PostgreSQL', () => {
    expect(workers({}, undefined)).toBe(1);
    expect(workers({ ORDER_DESK_WORKERS: '' }, undefined)).toBe(1);
    expect(workers({}, PG)).toBe(Math.min(availableParallelism(), MAX_WORKERS));
    expect(workers({ ORDER_DESK_WORKERS: '3' }, PG)).toBe(3);
    expect(workers({ ORDER_DESK_WORKERS: '1' }, undefined)).toBe(1);
    expect(workers({ ORDER_DESK_WORKERS: String(MAX_WORKERS) }, PG)).toBe(MAX_WORKERS);
  });

  it.each(['0', '-1', '1.5', 'two', '65', '1e1', ' 2x'])('refuses %j with one line saying what to set', (value) => {
    expect(() => workers({ ORDER_DESK_WORKERS: value }, PG)).toThrow(ConfigError);
    expect(() => workers({ ORDER_DESK_WORKERS: value }, PG)).toThrow(
      `ORDER_DESK_WORKERS=${value.trim()} is not a whole number from 1 to 64; set it like ORDER_DESK_WORKERS=2 or leave it unset`,
    );
  });

  it('refuses more than one on the embedded store: node dist/main.js exits 2 with one line naming DATABASE_URL', async () => {
    const result = await promisify(execFile)(process.execPath, [MAIN], {
      cwd: dir,
      env: { ...process.env, ORDER_DESK_WORKERS: '2', DATABASE_URL: '', ORDER_DESK_DATA_DIR: dir, PORT: '0' },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'order-desk: configuration error: ORDER_DESK_WORKERS=2 needs DATABASE_URL: the embedded store has one opener, so only one process can use it; set DATABASE_URL to a PostgreSQL database or ORDER_DESK_WORKERS=1',
    ]);
  });

  it('divides DSTORE_RATE_LIMIT_RPS and _BURST among the workers, rounded up', () => {
    expect(rateLimitPerProcess(undefined, 4)).toBeUndefined();
    expect(rateLimitPerProcess({ requestsPerSecond: 100, burst: 10 }, 1)).toEqual({
      requestsPerSecond: 100,
      burst: 10,
    });
    expect(rateLimitPerProcess({ requestsPerSecond: 100 }, 3)).toEqual({ requestsPerSecond: 34 });
    expect(rateLimitPerProcess({ requestsPerSecond: 100, burst: 10 }, 4)).toEqual({ requestsPerSecond: 25, burst: 3 });
    expect(rateLimitPerProcess({ requestsPerSecond: 1, burst: 1 }, 8)).toEqual({ requestsPerSecond: 1, burst: 1 });
  });
});
