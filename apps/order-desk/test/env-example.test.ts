/**
 * `.env.example` (issue 12): every variable of the README's configuration table, each commented out
 * with its default, so that copying it to `.env` changes nothing and no value in it can be wrong.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { APP_DIR, loadConfig } from '../src/config.js';
import { dataDir } from '../src/env.js';

const ROOT = path.resolve(APP_DIR, '..', '..');
const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');

/** `# NAME=value` lines: the variable and the default written after `=`. */
const entries = [...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => ({ name: m[1]!, value: m[2]! }));

/** Every variable named in the first column of README.md's "### Configuration" table. */
function readmeVariables(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### Configuration\n');
  expect(start, 'README.md has a "### Configuration" section').toBeGreaterThan(-1);
  const section = readme.slice(start + 1).split(/\n#{2,3} /)[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
}

describe('.env.example', () => {
  it("lists the same variables as the README's configuration table, each once", () => {
    const names = entries.map((e) => e.name);
    expect(new Set(names).size, 'a variable listed twice').toBe(names.length);
    const readme = readmeVariables();
    expect(readme.length).toBeGreaterThan(20);
    expect([...names].sort()).toEqual([...readme].sort());
  });

  it('gives every variable a comment above it and sets none: copied to .env it changes nothing', () => {
    expect(parseEnv(example)).toEqual({});
    const lines = example.split('\n');
    for (const { name } of entries) {
      // The comment may sit above a run of related variables (PORT and HOST share one).
      let i = lines.findIndex((l) => l.startsWith(`# ${name}=`)) - 1;
      while (i >= 0 && /^# [A-Z][A-Z0-9_]*=/.test(lines[i]!)) i--;
      expect(lines[i], `a comment above ${name}`).toMatch(/^# \S/);
    }
  });

  it('writes the actual defaults: uncommented, its values configure exactly what nothing configures', () => {
    const given = Object.fromEntries(entries.filter((e) => e.value !== '').map((e) => [e.name, e.value]));
    expect(Object.keys(given).length).toBeGreaterThan(10);
    // The data folder's default is relative to the repository root, where `pnpm start|cli` run.
    expect(path.resolve(ROOT, given.ORDER_DESK_DATA_DIR!)).toBe(dataDir({}));
    // Both runs in one throwaway data folder (the development keys are generated into it).
    const data = mkdtempSync(path.join(tmpdir(), 'env-example-'));
    const empty = mkdtempSync(path.join(tmpdir(), 'env-example-cwd-'));
    const load = (env: Record<string, string>) => loadConfig({ ...env, ORDER_DESK_DATA_DIR: data }, { cwd: empty });
    try {
      const withNothing = load({});
      // One at a time: one default may hide another (WECHAT_BASE_URL's would hide MOCK_WECHAT_PORT's).
      for (const [name, value] of Object.entries(given)) expect(load({ [name]: value }), name).toEqual(withNothing);
      expect(load(given)).toEqual(withNothing);
    } finally {
      rmSync(data, { recursive: true, force: true });
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('holds no secret: no key material, no credential value', () => {
    expect(example).not.toMatch(/-----BEGIN/);
    const secret = /(SECRET|PASSWORD|TOKEN|PRIVATE_KEY|AKEY|ACCOUNT|APPID|DATABASE_URL)$/;
    const secrets = entries.filter((e) => secret.test(e.name));
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    for (const e of secrets) expect(e.value, e.name).toBe('');
  });
});
