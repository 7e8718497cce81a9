/**
 * The release rehearsal: every public package published to a real registry (Verdaccio on loopback,
 * throwaway) the way `pnpm release` publishes, then used as a stranger would: `npm install` into a
 * fresh project outside the repository, `tsc --strict` on the READMEs' usage (nodenext, bundler,
 * CommonJS), a few calls against the published mocks through `import` and `require()`, the
 * `orderkit-mock` bin, and `npx @orderkit/contract dstore` against our own endpoint (order-desk's
 * dist, the app that stays private).
 *
 * `pnpm release` is `turbo run build bundle … && changeset publish`. The build half is this suite's
 * turbo dependency (`^build`, the spec bundles and order-desk's build: tools/release/turbo.json);
 * running it again from here would only replay turbo's cache, which rewrites every package's
 * dist/ and src/generated/ while the suites `pnpm test` runs beside this one read them. So the
 * test runs the script's publish half, read from package.json, with `--no-git-tag` (no tags in the
 * repository) and the registry in the environment; changesets adds `--no-git-checks` to
 * `pnpm publish` (pnpm ≥ 5), so a dirty worktree publishes.
 *
 * Needs the machine's npm registry (Verdaccio's uplink, for openapi-fetch, ajv, Prism, TypeScript).
 */
import { cp, lstat, mkdir, mkdtemp, readFile, readdir, realpath, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@orderkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Background, background, cleanEnv, exec, isInside, type Result, stopAll } from '../src/processes.js';
import { machineUplink, type Registry, startRegistry } from '../src/registry.js';
import { publishedPackages, root } from '../src/workspace.js';

const packages = publishedPackages();
const versionOf = new Map(packages.map((p) => [p.name, p.version]));
/** What a user installs (the rest — core, openapi-ajv, the spec packages — comes as their dependencies). */
const INSTALLED = [
  '@orderkit/wechat',
  '@orderkit/ovopark',
  '@orderkit/dstore',
  '@orderkit/mock-server',
  '@orderkit/contract',
];
const TYPESCRIPT = 'typescript@5.9.3';
// The packages' engines start at Node 20.19; the consumer's Node types match.
const NODE_TYPES = '@types/node@^20.19.0';
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'consumer');
const ORDER_DESK_MAIN = path.join(root, 'apps', 'order-desk', 'dist', 'main.js');

let base: string;
let consumer: string;
let registry: Registry | undefined;
let desk: Background | undefined;
/** The figures the closing note needs, printed once at the end. */
const figures: string[] = [];
const note = (line: string) => {
  figures.push(line);
  console.log(line);
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** A failed command's whole story, for an assertion's message. */
const story = (r: Result) => `exit ${r.code} after ${seconds(r.ms)}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** npm, npx or node in the consumer project, with the registry's userconfig and npm cache. */
const inConsumer = (command: string, args: string[], timeoutMs: number, extra: Record<string, string> = {}) =>
  exec(command, args, {
    cwd: consumer,
    env: registry!.env(extra),
    timeoutMs,
  });

beforeAll(async () => {
  // This suite publishes what turbo built before it; it does not build (see above).
  const missing = [
    ORDER_DESK_MAIN,
    ...packages.flatMap((p) =>
      JSON.stringify(p.manifest.exports ?? {}).includes('./dist/openapi.json')
        ? [path.join(p.dir, 'dist', 'openapi.json')]
        : [path.join(p.dir, 'dist', 'index.js')],
    ),
  ].filter((file) => !existsSync(file));
  if (missing.length)
    throw new Error(`not built: ${missing.map((f) => path.relative(root, f)).join(', ')} — run pnpm build`);

  // realpath: on a machine whose tmpdir is a symlink, the paths npm and Node report are the real ones.
  base = await mkdtemp(path.join(await realpath(tmpdir()), 'orderkit-rehearsal-'));
  consumer = path.join(base, 'consumer');
  await mkdir(path.join(base, 'registry'));
  const uplink = await machineUplink(base);
  registry = await startRegistry(path.join(base, 'registry'), uplink, path.join(base, 'npm-cache'));
  note(
    `registry: Verdaccio at ${registry.url}, uplink ${uplink.url}${uplink.ca ? " (npm's certificate authorities)" : ''}`,
  );
  // Started now, awaited by the last test: its start (PGlite's first open) overlaps the publish.
  desk = await startDesk(path.join(base, 'order-desk'));
});

/**
 * Our endpoint as a developer runs it: order-desk's dist with the embedded store and the development
 * keys (none of the four key variables set: cleanEnv drops any the machine has), on system-chosen ports.
 */
async function startDesk(dataDir: string): Promise<Background> {
  await mkdir(dataDir);
  return background(process.execPath, [ORDER_DESK_MAIN], {
    cwd: dataDir,
    env: cleanEnv({
      HOST: '127.0.0.1',
      ENDPOINT_HOST: '127.0.0.1',
      PORT: '0',
      ENDPOINT_PORT: '0',
      ORDER_DESK_DATA_DIR: dataDir,
    }),
    ready: /D-Store\s+(http:\/\/127\.0\.0\.1:\d+\/v2\/pos\/inquireOrderDetail)[\s\S]*\n\s+store\s/,
    // Generous: it starts while the publish keeps both cores busy.
    timeoutMs: 240_000,
  });
}

afterAll(async () => {
  await desk?.stop(15_000);
  await registry?.stop();
  stopAll();
  if (base) await rm(base, { recursive: true, force: true });
  if (figures.length) console.log(`\nrelease rehearsal\n  ${figures.join('\n  ')}`);
});

describe('release rehearsal on a real registry', () => {
  it('publishes every public package with the release script', { timeout: 300_000 }, async () => {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    // If the documented release path changes, this rehearsal must change with it.
    const release = /^turbo run build bundle\b[^&]*&& (changeset publish)$/.exec(manifest.scripts.release ?? '');
    expect(release, `root package.json "release": ${manifest.scripts.release}`).not.toBeNull();
    // Nothing of ours is there before the publish, and nothing comes from upstream (no proxy for @orderkit/*).
    const before = await exec('npm', ['view', '@orderkit/core', 'version'], {
      cwd: base,
      env: registry!.env(),
      timeoutMs: 60_000,
    });
    expect(before.code, story(before)).not.toBe(0);
    expect(before.stderr).toContain('E404');
    const tagsBefore = (await exec('git', ['tag', '--list'], { cwd: root, env: cleanEnv(), timeoutMs: 30_000 })).stdout;

    const publish = await exec('pnpm', ['exec', ...release![1]!.split(' '), '--no-git-tag'], {
      cwd: root,
      env: registry!.env(),
      timeoutMs: 280_000,
    });
    expect(publish.code, `${story(publish)}\n--- verdaccio\n${registry!.output()}`).toBe(0);
    expect((await exec('git', ['tag', '--list'], { cwd: root, env: cleanEnv(), timeoutMs: 30_000 })).stdout).toBe(
      tagsBefore,
    );

    const views = await Promise.all(
      packages.map((p) =>
        exec('npm', ['view', `${p.name}@${p.version}`, 'version', '--registry', registry!.url], {
          cwd: base,
          env: registry!.env(),
          timeoutMs: 60_000,
        }),
      ),
    );
    for (const [i, p] of packages.entries())
      expect(views[i]!.stdout.trim(), `${p.name}: ${story(views[i]!)}`).toBe(p.version);
    note(
      `published ${packages.length} packages in ${seconds(publish.ms)} (changeset publish --no-git-tag): ${packages.map((p) => `${p.name}@${p.version}`).join(', ')}`,
    );
  });

  it('installs them with npm into a fresh project outside the repository, from the registry only', {
    timeout: 360_000,
  }, async () => {
    await mkdir(consumer);
    // Node's resolution climbs from the consumer to /: no folder on the way may hold our packages.
    expect(isInside(root, consumer), `${consumer} is inside ${root}`).toBe(false);
    for (let dir = path.dirname(consumer); ; dir = path.dirname(dir)) {
      expect(existsSync(path.join(dir, 'node_modules', '@orderkit')), `${dir}/node_modules/@orderkit`).toBe(false);
      if (dir === path.dirname(dir)) break;
    }
    const init = await inConsumer('npm', ['init', '-y'], 60_000);
    expect(init.code, story(init)).toBe(0);

    const install = await inConsumer('npm', ['install', ...INSTALLED, TYPESCRIPT, NODE_TYPES], 340_000);
    expect(install.code, `${story(install)}\n--- verdaccio\n${registry!.output()}`).toBe(0);
    note(
      `npm install ${INSTALLED.join(' ')} ${TYPESCRIPT} ${NODE_TYPES}: ${seconds(install.ms)} (${
        install.stdout
          .trim()
          .split('\n')
          .find((l) => l.startsWith('added')) ?? ''
      })`,
    );

    // Every package of ours is a real folder (no link into the workspace) at the published version.
    const ours = (await readdir(path.join(consumer, 'node_modules', '@orderkit'))).map((name) => `@orderkit/${name}`);
    expect(ours.sort()).toEqual(packages.map((p) => p.name).sort());
    for (const name of ours) {
      const dir = path.join(consumer, 'node_modules', name);
      const stat = await lstat(dir);
      expect(stat.isSymbolicLink(), `${name} is a symlink`).toBe(false);
      expect(stat.isDirectory(), name).toBe(true);
      const installed = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string };
      expect(installed.version, name).toBe(versionOf.get(name));
    }

    // …and npm got each one, wherever it sits in the tree, from this registry.
    const ls = await inConsumer('npm', ['ls', '--all', '--json', '--long'], 120_000);
    expect(ls.code, story(ls)).toBe(0);
    interface Node {
      version?: string;
      resolved?: string;
      path?: string;
      dependencies?: Record<string, Node>;
    }
    const found: Array<[string, Node]> = [];
    const walk = (node: Node) => {
      for (const [name, child] of Object.entries(node.dependencies ?? {})) {
        if (name.startsWith('@orderkit/')) found.push([name, child]);
        walk(child);
      }
    };
    walk(JSON.parse(ls.stdout) as Node);
    expect(new Set(found.map(([name]) => name)).size).toBe(packages.length);
    for (const [name, node] of found) {
      expect(node.version, name).toBe(versionOf.get(name));
      expect(node.resolved, name).toBe(`${registry!.url}${name}/-/${name.split('/')[1]}-${versionOf.get(name)}.tgz`);
      expect(isInside(consumer, node.path ?? ''), `${name} at ${node.path}`).toBe(true);
    }
  });

  it("type-checks the READMEs' usage with tsc --strict: nodenext, bundler, and CommonJS (.cts)", {
    timeout: 240_000,
  }, async () => {
    for (const file of ['consumer.mts', 'consumer.cts', 'exercise.cjs', 'run.mjs', 'run.cjs'])
      await cp(path.join(FIXTURES, file), path.join(consumer, file));
    const tsc = (file: string, module: string, resolution: string) =>
      inConsumer(
        'npx',
        [
          'tsc',
          '--strict',
          '--noEmit',
          '--target',
          'es2022',
          '--types',
          'node',
          '--module',
          module,
          '--moduleResolution',
          resolution,
          // Our .d.ts files and their dependencies' are checked (no skipLibCheck); TypeScript's own
          // lib files are not ours to check, and take most of the time on a loaded machine.
          '--skipDefaultLibCheck',
          '--listFiles',
          file,
        ],
        120_000,
      );
    const esm = [...INSTALLED];
    const cjs = INSTALLED.filter((name) => name !== '@orderkit/contract');
    const runs = [
      ['nodenext', esm, await tsc('consumer.mts', 'nodenext', 'nodenext')],
      ['bundler', esm, await tsc('consumer.mts', 'preserve', 'bundler')],
      ['cjs (.cts, nodenext)', cjs, await tsc('consumer.cts', 'nodenext', 'nodenext')],
    ] as const;
    const version = (await inConsumer('npx', ['tsc', '--version'], 60_000)).stdout.trim();
    for (const [name, imported, run] of runs) {
      // --listFiles prints the program's files (after the errors, if any).
      expect(run.code, `${name}: ${story(run)}`).toBe(0);
      const ours = run.stdout.split('\n').filter((f) => f.includes('/@orderkit/'));
      // The types of every package the file imports were read, from the consumer's node_modules only.
      for (const pkg of imported)
        expect(
          ours.some((f) => f.includes(`/node_modules/${pkg}/dist/`)),
          `${name}: ${pkg}'s types`,
        ).toBe(true);
      for (const file of ours) expect(isInside(path.join(consumer, 'node_modules'), file), file).toBe(true);
      note(
        `tsc (${version}) --strict, ${name}: 0 errors, ${run.stdout.split('\n').filter(Boolean).length} files (${ours.length} of @orderkit), ${seconds(run.ms)}`,
      );
    }
    // The control: the same require() under node16 (no require of ES modules) is refused, so the
    // .cts run above checked what it claims to.
    const node16 = await tsc('consumer.cts', 'node16', 'node16');
    expect(node16.code, story(node16)).not.toBe(0);
    expect(node16.stdout).toContain('error TS1471');
    note(
      `tsc --strict, the .cts under node16 (control): refused, TS1471 (${node16.stdout.split('\n').filter((l) => l.includes('TS1471')).length}×)`,
    );
  });

  it('calls the clients against the published mocks through import and require(); the orderkit-mock bin runs', {
    timeout: 240_000,
  }, async () => {
    for (const script of ['run.mjs', 'run.cjs']) {
      const run = await inConsumer(process.execPath, [script], 120_000);
      expect(run.code, `${script}: ${story(run)}`).toBe(0);
      const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, string> & {
        providers: string[];
        specBundle: string;
        resolved: string[];
      };
      expect(summary.providers).toEqual(['dstore', 'ovopark', 'wechat']);
      // mock-server found its spec bundle through its own dependency, in the consumer's tree.
      expect(summary.specBundle).toBe(
        path.join(consumer, 'node_modules', '@orderkit', 'spec-dstore', 'dist', 'openapi.json'),
      );
      for (const file of summary.resolved) expect(isInside(path.join(consumer, 'node_modules'), file), file).toBe(true);
      note(`${script} (${seconds(run.ms)}): WeChat ${summary.wechat}`);
      note(`${script}: Ovopark ${summary.ovopark}`);
      note(`${script}: D-Store ${summary.dstore}`);
    }

    const which = await inConsumer(
      'npm',
      ['exec', '-c', 'command -v orderkit-mock; command -v orderkit-contract'],
      60_000,
    );
    expect(which.code, story(which)).toBe(0);
    expect(which.stdout.trim().split('\n')).toEqual([
      path.join(consumer, 'node_modules', '.bin', 'orderkit-mock'),
      path.join(consumer, 'node_modules', '.bin', 'orderkit-contract'),
    ]);
    const help = await inConsumer('npx', ['orderkit-mock', '--help'], 60_000);
    expect(help.code, story(help)).toBe(0);
    expect(help.stderr).toMatch(/^usage: .*--only dstore,ovopark,wechat/m);

    // The bin as the shell runs it (its shebang and mode, no `node` in front), on free ports.
    const ports = {
      MOCK_DSTORE_PORT: await freePort(),
      MOCK_WECHAT_PORT: await freePort(),
      MOCK_OVOPARK_PORT: await freePort(),
    };
    const mock = background(path.join(consumer, 'node_modules', '.bin', 'orderkit-mock'), [], {
      cwd: consumer,
      env: cleanEnv(Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]))),
      ready: /Ctrl-C stops them\./,
      timeoutMs: 90_000,
    });
    let exit: Awaited<ReturnType<Background['stop']>>;
    try {
      await mock.ready;
      const token = await fetch(
        `http://127.0.0.1:${ports.MOCK_WECHAT_PORT}/cgi-bin/token?grant_type=client_credential&appid=wx0123456789abcdef&secret=mock-wechat-secret`,
      );
      expect(token.status).toBe(200);
      expect(((await token.json()) as { access_token?: string }).access_token).toMatch(/^\S{16,}$/);
    } finally {
      exit = await mock.stop();
    }
    // It stops the mocks it started on SIGTERM and exits 0 (what `pnpm start` relies on too).
    expect(exit, mock.output()).toEqual({ code: 0, signal: null });
    note(
      `orderkit-mock: --help exits 0; started on free ports (${mock.output().match(/mocks ready in [\d.]+ s/)?.[0]}), a WeChat token, SIGTERM → exit 0`,
    );
  });

  it('npx @orderkit/contract dstore passes our endpoint (order-desk) 7/7', { timeout: 240_000 }, async () => {
    expect(desk, 'order-desk was not started').toBeDefined();
    const endpoint = (await desk!.ready)[1]!;
    expect(desk!.output()).toContain('keys: development keys');

    const table = await inConsumer('npx', ['@orderkit/contract', 'dstore', '--target', endpoint], 120_000);
    expect(table.code, story(table)).toBe(0);
    expect(table.stdout.split('\n').filter((line) => /\sPASS\s/.test(line))).toHaveLength(7);
    expect(table.stdout).toContain('7 passed, 0 failed');
    const json = await inConsumer('npx', ['@orderkit/contract', 'dstore', '--target', endpoint, '--json'], 120_000);
    expect(json.code, story(json)).toBe(0);
    const report = JSON.parse(json.stdout) as { passed: number; failed: number; results: Array<{ pass: boolean }> };
    expect(report).toMatchObject({ passed: 7, failed: 0 });
    expect(report.results.map((r) => r.pass)).toEqual(Array(7).fill(true));

    const exit = await desk!.stop(15_000);
    desk = undefined;
    expect(exit.code).toBe(0);
    note(
      `npx @orderkit/contract dstore --target ${endpoint} (${seconds(table.ms)}), exit 0:\n${table.stdout.trimEnd()}`,
    );
  });
});
