import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  InMemoryTokenStore,
  KeyedLock,
  tokenScope,
  tokenScopeKey,
  tokenScopeProblem,
  type TokenScope,
} from '../src/index.js';

const scope = (over: Partial<TokenScope> = {}): TokenScope =>
  tokenScope({ provider: 'acme', baseUrl: 'https://api.example.com', accountId: 'a1', tokenMode: 'token', ...over });

describe('KeyedLock', () => {
  it('runs the calls of one key one after another and of two keys side by side', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      lock.run('a', step('a1', 20)),
      lock.run('a', step('a2', 1)),
      lock.run('b', step('b1', 1)),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a2 start')).toBeGreaterThan(log.indexOf('a1 end'));
    expect(log.indexOf('b1 end')).toBeLessThan(log.indexOf('a1 end'));
    expect(lock.size).toBe(0);
  });

  it('lets the next caller run after a failed call', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('k', async () => 'next')).resolves.toBe('next');
  });
});

describe('token scopes', () => {
  it('gives one scope for spellings of one base URL, and distinct keys for distinct scopes', () => {
    expect(scope({ baseUrl: 'HTTPS://API.EXAMPLE.COM:443/' })).toEqual(scope());
    const keys = new Set(
      [
        scope(),
        scope({ provider: 'other' }),
        scope({ accountId: 'a2' }),
        scope({ tokenMode: 'stable' }),
        scope({ baseUrl: 'http://127.0.0.1:4011' }),
      ].map(tokenScopeKey),
    );
    expect(keys.size).toBe(5);
  });

  it('says what is wrong with a scope tokenScope() would not build', () => {
    expect(tokenScopeProblem(scope())).toBeUndefined();
    expect(tokenScopeProblem({ ...scope(), baseUrl: 'https://api.example.com/' })).toMatch(/tokenScope\(\)/);
    expect(tokenScopeProblem({ ...scope(), provider: '' })).toMatch(/provider/);
    expect(tokenScopeProblem({ ...scope(), accountId: '' })).toMatch(/accountId/);
    expect(tokenScopeProblem('legacy' as unknown as TokenScope)).toMatch(/tokenScope\(\)/);
    expect(() => scope({ baseUrl: 'api.example.com' })).toThrow(TypeError);
  });
});

describe('InMemoryTokenStore', () => {
  it('fetches once under 20 concurrent refreshes and again only for the rejected token', async () => {
    const store = new InMemoryTokenStore();
    let fetches = 0;
    const fetchToken = async () => {
      fetches++;
      await new Promise((r) => setTimeout(r, 10));
      return { accessToken: `tok-${fetches}`, expiresAt: Date.now() + 60_000 };
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => store.refresh(scope(), undefined, fetchToken)));
    expect(fetches).toBe(1);
    expect(new Set(results.map((t) => t.accessToken))).toEqual(new Set(['tok-1']));
    expect((await store.refresh(scope(), 'an-older-token', fetchToken)).accessToken).toBe('tok-1');
    expect((await store.refresh(scope(), 'tok-1', fetchToken)).accessToken).toBe('tok-2');
    expect(await store.get(scope({ provider: 'other' }))).toBeUndefined();
    expect(inspect(store)).toBe('[InMemoryTokenStore]');
    expect(JSON.stringify({ store })).not.toMatch(/tok-/);
  });
});
