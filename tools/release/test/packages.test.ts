/**
 * Every published package, packed as `pnpm publish` would pack it (publishConfig applied, `workspace:`
 * ranges rewritten), is clean for publint and — where it ships types — for Are the Types Wrong.
 *
 * attw runs with its `esm-only` profile: the packages are ES modules only, which Node loads with
 * `require()` as well as `import` from 20.19 and 22.12 on (the rehearsal test does both), and which
 * TypeScript ≥ 5.8 types for `require()` under `module: nodenext`. attw's own TypeScript (5.6)
 * predates that, so its CommonJS columns would report a require() that works.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publint } from 'publint';
import ts from 'typescript';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTypes, pack, publishedPackages, run } from '../src/workspace.js';

const packages = publishedPackages();

/** The file paths an `exports` map points at (its string leaves). */
const leaves = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(leaves) : [];
const attw = path.resolve(import.meta.dirname, '../../../node_modules/.bin/attw');
const tarballs = new Map<string, string>();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'orderkit-packs-'));
  for (const p of packages) tarballs.set(p.name, await pack(p, dir));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the published packages', () => {
  it('are the ten the README lists, each at a semver version with a licence', () => {
    expect(packages.map((p) => p.name)).toEqual([
      '@orderkit/contract',
      '@orderkit/core',
      '@orderkit/dstore',
      '@orderkit/mock-server',
      '@orderkit/openapi-ajv',
      '@orderkit/ovopark',
      '@orderkit/spec-dstore',
      '@orderkit/spec-ovopark',
      '@orderkit/spec-wechat',
      '@orderkit/wechat',
    ]);
    for (const p of packages) {
      expect(p.version, p.name).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
      expect(p.manifest, p.name).toMatchObject({ license: 'MIT', engines: { node: expect.any(String) } });
    }
  });

  it.each(packages.map((p) => [p.name, p] as const))('%s: publint finds nothing', async (name) => {
    const tarball = await readFile(tarballs.get(name)!);
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`)).toEqual([]);
  });

  it.each(packages.filter(hasTypes).map((p) => [p.name, p] as const))(
    '%s: Are the Types Wrong finds nothing (esm-only profile)',
    async (name) => {
      const result = await run(attw, [tarballs.get(name)!, '--profile', 'esm-only', '--format', 'json'], {
        maxBuffer: 64 * 1024 * 1024,
      }).then(
        (r) => r.stdout,
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      const parsed = JSON.parse(result) as {
        analysis?: { problems?: Array<{ kind: string; entrypoint?: string; resolutionKind?: string }> };
      };
      const problems = (parsed.analysis?.problems ?? []).filter(
        (p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs',
      );
      expect(problems).toEqual([]);
    },
  );

  it("packed code imports only Node built-ins and the packed manifest's dependencies", async () => {
    // An import satisfied only by a devDependency works in the workspace and breaks for a user
    // whose tree does not happen to hold that package (npm hoists it only if something else needs it).
    const builtins = new Set(builtinModules);
    const packageOf = (specifier: string) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
    for (const p of packages) {
      const into = path.join(dir, 'unpacked', p.name);
      await mkdir(into, { recursive: true });
      await run('tar', ['-xzf', tarballs.get(p.name)!, '-C', into]);
      const manifest = JSON.parse(await readFile(path.join(into, 'package', 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      const allowed = new Set([
        p.name,
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ]);
      const files = (await readdir(path.join(into, 'package'), { recursive: true })).filter(
        (f) => f.startsWith('dist') && /\.(js|d\.ts)$/.test(f),
      );
      const strays: string[] = [];
      for (const file of files) {
        const source = await readFile(path.join(into, 'package', file), 'utf8');
        // TypeScript's own scan (imports, exports, import(), require(); comments skipped), plus
        // require.resolve() of a literal, which it does not report.
        const specifiers = [
          ...ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName),
          ...[...source.matchAll(/\brequire\.resolve\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!),
        ];
        for (const specifier of specifiers) {
          if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier)) continue;
          if (!allowed.has(packageOf(specifier))) strays.push(`${file}: ${specifier}`);
        }
      }
      expect(strays, `${p.name} imports what it does not depend on`).toEqual([]);
    }
  });

  it('packed manifests export only files that are in the tarball, and no workspace-only condition', async () => {
    for (const p of packages) {
      const { stdout } = await run('tar', ['-tzf', tarballs.get(p.name)!]);
      const files = new Set(stdout.split('\n').map((f) => f.replace(/^package\//, '')));
      const { stdout: manifest } = await run('tar', ['-xzOf', tarballs.get(p.name)!, 'package/package.json']);
      const packed = JSON.parse(manifest) as { exports: unknown; bin?: Record<string, string> };
      expect(JSON.stringify(packed.exports), p.name).not.toContain('@orderkit/source');
      const targets = [...leaves(packed.exports), ...Object.values(packed.bin ?? {})].filter((t) => !t.includes('*'));
      for (const target of targets) expect(files.has(target.replace(/^\.\//, '')), `${p.name}: ${target}`).toBe(true);
      expect(files.has('LICENSE'), `${p.name}: LICENSE`).toBe(true);
    }
  });
});
