/**
 * The provider registry is the one place a provider is named: every entry brings what the generic
 * code iterates (a UI script, a docs page, a mock port of its own, commands that do not collide).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DIR } from '../src/config.js';
import { mockPorts, providerIds, providers } from '../src/providers/index.js';
import type { AnyProvider } from '../src/providers/registry.js';

const all = providers as readonly AnyProvider[];

describe('the provider registry', () => {
  it('has unique ids, UI ranks and mock ports, each port with its own variable', () => {
    expect(new Set(providerIds).size).toBe(all.length);
    expect(new Set(all.map((p) => p.uiRank)).size).toBe(all.length);
    expect(new Set(mockPorts.map((m) => m.port)).size).toBe(all.length);
    expect(new Set(mockPorts.map((m) => m.portVariable)).size).toBe(all.length);
    for (const m of mockPorts) expect(m.portVariable).toMatch(/^MOCK_[A-Z0-9_]+_PORT$/);
  });

  it('gives every provider its UI script in public/providers/<id>.js and a docs page named after it', () => {
    for (const p of all) {
      expect(existsSync(path.join(APP_DIR, 'public', 'providers', `${p.id}.js`)), p.id).toBe(true);
      expect(p.docsPage).toBe(`${p.id}.html`);
    }
  });

  it('has no two CLI commands with the same group and name', () => {
    const keys = all.flatMap((p) => (p.commands ?? []).map((c) => `${c.group} ${c.name}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
