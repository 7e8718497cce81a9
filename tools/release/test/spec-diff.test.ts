/**
 * `pnpm spec:diff` (scripts/release/spec-diff.mjs), the breaking-change gate of the specs: on this
 * repository (where `pnpm test` runs it), and on temporary copies of specs/wechat with one contract
 * change each, so the real specs and .changeset are never touched.
 *
 * Every run starts Redocly two or three times (about 1–2 s each on a loaded two-core machine), so
 * the cases share as few runs as show what they check, and each has a budget of 120 s.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pack, publishedPackages, root, run } from '../src/workspace.js';

const SCRIPT = path.join(root, 'scripts', 'release', 'spec-diff.mjs');
const TIMEOUT = 120_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function specDiff(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The whole output of a run, for assertion messages. */
const shown = (r: Run) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

// Where each test case's change is reached from its operation in the bundle (Redocly's `path`).
const GET_ORDER_ORDER =
  '#/paths/~1wxa~1charge~1service-provider~1order~1get/get/responses/200/content/application~1json/schema/oneOf/0/properties/order';
const TOKEN_SUCCESS = '#/paths/~1cgi-bin~1token/get/responses/200/content/application~1json/schema/oneOf/0';
const REMOVED_PROPERTY = `${GET_ORDER_ORDER}/properties/usage`;
const NEW_PARAMETER = '#/paths/~1cgi-bin~1token/get/parameters/3';
const ADDED_PROPERTY = `${TOKEN_SUCCESS}/properties/scope`;
const EDITED_DESCRIPTION = `${TOKEN_SUCCESS}/description`;

describe('pnpm spec:diff on this repository', () => {
  it(
    'passes: every spec matches its baseline, or its changes have their changesets',
    async () => {
      const r = await specDiff();
      expect(r.code, shown(r)).toBe(0);
      for (const id of ['dstore', 'ovopark', 'wechat']) expect(r.stdout).toContain(`specs/${id}: `);
    },
    TIMEOUT,
  );

  it(
    'publishes no baseline: the packed spec packages leave released/ out',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'orderkit-spec-packs-'));
      try {
        for (const p of publishedPackages().filter((p) => p.name.startsWith('@orderkit/spec-'))) {
          const { stdout: listing } = await run('tar', ['-tzf', await pack(p, dir)]);
          expect(listing, p.name).toContain('package/dist/openapi.json');
          expect(listing, p.name).not.toContain('released/');
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});

describe('pnpm spec:diff on a copy of specs/wechat', () => {
  let copy: string;

  /** Replaces `from` (which must be there) with `to` in a file of the copied spec. */
  async function edit(file: string, from: string, to: string): Promise<void> {
    const full = path.join(copy, 'specs', 'wechat', file);
    const text = await readFile(full, 'utf8');
    expect(text, `${file} still has the text the test changes`).toContain(from);
    await writeFile(full, text.replace(from, to));
  }

  const removeUsage = () => edit('components/schemas/Order.yaml', '  usage:\n    $ref: ./Usage.yaml\n', '');

  async function changeset(name: string, releases: Record<string, string>): Promise<void> {
    const frontmatter = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`);
    await writeFile(path.join(copy, '.changeset', `${name}.md`), `---\n${frontmatter.join('\n')}\n---\n\nA change.\n`);
  }

  const gate = (...args: string[]) => specDiff('--root', copy, ...args);

  beforeEach(async () => {
    // What the script reads: the spec's sources and baseline, the shared Redocly configuration,
    // both package manifests and the changeset folder.
    copy = await mkdtemp(path.join(tmpdir(), 'orderkit-spec-diff-test-'));
    const skip = new Set(['node_modules', 'dist', '.turbo', 'test']);
    await cp(path.join(root, 'specs', 'wechat'), path.join(copy, 'specs', 'wechat'), {
      recursive: true,
      filter: (source) => !skip.has(path.basename(source)),
    });
    await cp(path.join(root, 'redocly.yaml'), path.join(copy, 'redocly.yaml'));
    await mkdir(path.join(copy, 'packages', 'wechat'), { recursive: true });
    await cp(
      path.join(root, 'packages', 'wechat', 'package.json'),
      path.join(copy, 'packages', 'wechat', 'package.json'),
    );
    await mkdir(path.join(copy, '.changeset'));
    await cp(path.join(root, '.changeset', 'config.json'), path.join(copy, '.changeset', 'config.json'));
  });
  afterEach(() => rm(copy, { recursive: true, force: true }));

  it(
    'a removed response property fails the gate, naming its pointer, the bump and the fix',
    async () => {
      await removeUsage();
      const r = await gate();
      expect(r.code, shown(r)).toBe(1);
      expect(r.stdout).toContain(`major  removed   ${REMOVED_PROPERTY}\n`);
      expect(r.stdout).toContain('defined at #/components/schemas/Order/properties/usage');
      expect(r.stdout).toContain('(property-removed)');
      expect(r.stderr).toContain(
        'specs/wechat needs a major bump of @orderkit/spec-wechat (0.1.0 → 1.0.0) and @orderkit/wechat (0.1.0 → 1.0.0); ' +
          'the pending changesets give @orderkit/spec-wechat none, @orderkit/wechat none.',
      );
      expect(r.stderr).toContain(`major  ${REMOVED_PROPERTY}\n`);
      expect(r.stderr).toContain('`pnpm spec:diff --changeset`');
      expect(r.stderr).toContain('`pnpm changeset`');
    },
    TIMEOUT,
  );

  it(
    'a new required parameter fails the gate and names its pointer',
    async () => {
      await edit(
        'paths/cgi-bin_token.yaml',
        '    - $ref: ../components/parameters/AppSecret.yaml\n',
        '    - $ref: ../components/parameters/AppSecret.yaml\n' +
          '    - name: lang\n      in: query\n      required: true\n      description: The language of the answer.\n' +
          '      schema:\n        type: string\n',
      );
      const r = await gate();
      expect(r.code, shown(r)).toBe(1);
      expect(r.stdout).toContain(`major  added     ${NEW_PARAMETER}\n`);
      expect(r.stdout).toContain('(parameter-became-required)');
      expect(r.stderr).toContain('specs/wechat needs a major bump');
      expect(r.stderr).toContain(`major  ${NEW_PARAMETER}\n`);
    },
    TIMEOUT,
  );

  it(
    'an added optional response property is rated minor',
    async () => {
      await edit(
        'components/schemas/AccessTokenSuccess.yaml',
        'properties:\n',
        'properties:\n  scope:\n    type: string\n    description: What the token may call.\n',
      );
      const r = await gate();
      expect(r.stdout).toContain(
        'specs/wechat: 1 change (0 major, 1 minor, 0 patch) since @orderkit/spec-wechat 0.1.0',
      );
      expect(r.stdout).toContain(`minor  added     ${ADDED_PROPERTY}\n`);
      expect(r.code, shown(r)).toBe(1);
      expect(r.stderr).toContain('specs/wechat needs a minor bump of @orderkit/spec-wechat (0.1.0 → 0.2.0)');
    },
    TIMEOUT,
  );

  it(
    'a description edit is rated patch',
    async () => {
      await edit(
        'components/schemas/AccessTokenSuccess.yaml',
        'description: A new (or, for the stable variant, the current) access_token.',
        'description: A new access_token (or, for the stable variant, the current one).',
      );
      const r = await gate();
      expect(r.stdout).toContain(`patch  modified  ${EDITED_DESCRIPTION}\n`);
      expect(r.code, shown(r)).toBe(1);
      expect(r.stderr).toContain('specs/wechat needs a patch bump of @orderkit/spec-wechat (0.1.0 → 0.1.1)');
    },
    TIMEOUT,
  );

  it(
    'passes once the pending changesets give both the spec package and its client a big enough bump',
    async () => {
      await removeUsage();
      await changeset('spec-only', { '@orderkit/spec-wechat': 'major' });
      await changeset('client-minor', { '@orderkit/wechat': 'minor' });
      const short = await gate();
      expect(short.code, shown(short)).toBe(1);
      expect(short.stderr).toContain(
        'the pending changesets give @orderkit/spec-wechat major, @orderkit/wechat minor.',
      );
      expect(short.stderr).toContain(`major  ${REMOVED_PROPERTY}\n`);

      await changeset('client-major', { '@orderkit/wechat': 'major' });
      const enough = await gate();
      expect(enough.code, shown(enough)).toBe(0);
      expect(enough.stdout).toContain('pending changesets give: @orderkit/spec-wechat major, @orderkit/wechat major');
      expect(enough.stderr).toBe('');
    },
    TIMEOUT,
  );

  it(
    '--changeset writes .changeset/contract-wechat.md: the bump for both packages, the markdown report as its text',
    async () => {
      await removeUsage();
      const wrote = await gate('--changeset');
      expect(wrote.code, shown(wrote)).toBe(0);
      expect(wrote.stdout).toContain(
        'wrote .changeset/contract-wechat.md: major for @orderkit/spec-wechat 0.1.0 → 1.0.0 and @orderkit/wechat 0.1.0 → 1.0.0.',
      );
      const text = await readFile(path.join(copy, '.changeset', 'contract-wechat.md'), 'utf8');
      expect(text.startsWith('---\n"@orderkit/spec-wechat": major\n"@orderkit/wechat": major\n---\n\n')).toBe(true);
      expect(text).toContain(
        '#### API diff: @orderkit/spec-wechat@0.1.0/dist/openapi.json → @orderkit/spec-wechat@1.0.0/dist/openapi.json',
      );
      expect(text).toContain('| Impact | Change | Pointer | Location | Details |');
      expect(text).toContain(
        `| 🔴 major | removed | \`${REMOVED_PROPERTY}\` | @orderkit/spec-wechat@0.1.0/dist/openapi.json:`,
      );
      expect(text).toContain('`property-removed`');

      // The changeset it wrote is what the gate wants…
      const after = await gate();
      expect(after.code, shown(after)).toBe(0);

      // …until the spec changes again: then it is stale, and --changeset writes it afresh.
      await edit(
        'components/schemas/AccessTokenSuccess.yaml',
        'properties:\n',
        'properties:\n  scope:\n    type: string\n',
      );
      const stale = await gate();
      expect(stale.code, shown(stale)).toBe(1);
      expect(stale.stderr).toContain('.changeset/contract-wechat.md no longer matches the contract diff');
      expect((await gate('--changeset')).code).toBe(0);
      expect(await readFile(path.join(copy, '.changeset', 'contract-wechat.md'), 'utf8')).toContain(ADDED_PROPERTY);
    },
    TIMEOUT,
  );

  it(
    '--update-baseline moves the baseline once the versions cover the change, and not before',
    async () => {
      await removeUsage();
      const baseline = path.join(copy, 'specs', 'wechat', 'released', 'openapi.json');
      const released = await readFile(baseline, 'utf8');
      const setVersion = async (dir: string, version: string) => {
        const file = path.join(copy, dir, 'package.json');
        await writeFile(file, (await readFile(file, 'utf8')).replace(/"version": "[^"]*"/, `"version": "${version}"`));
      };

      // `changeset version` with only a patch changeset for the spec package.
      await setVersion('specs/wechat', '0.1.1');
      const refused = await gate('--update-baseline');
      expect(refused.code, shown(refused)).toBe(1);
      expect(refused.stderr).toContain(
        'the versioning since the baseline gave @orderkit/spec-wechat patch, @orderkit/wechat none.',
      );
      expect(await readFile(baseline, 'utf8')).toBe(released);

      await setVersion('specs/wechat', '1.0.0');
      await setVersion('packages/wechat', '1.0.0');
      const moved = await gate('--update-baseline');
      expect(moved.code, shown(moved)).toBe(0);
      expect(moved.stdout).toContain(
        'specs/wechat: baseline moved to @orderkit/spec-wechat 1.0.0, @orderkit/wechat 1.0.0',
      );
      expect(await readFile(baseline, 'utf8')).not.toBe(released);
      expect(JSON.parse(await readFile(path.join(path.dirname(baseline), 'versions.json'), 'utf8'))).toEqual({
        '@orderkit/spec-wechat': '1.0.0',
        '@orderkit/wechat': '1.0.0',
      });
      const clean = await gate();
      expect(clean.code, shown(clean)).toBe(0);
      expect(clean.stdout).toContain('specs/wechat: no contract change since @orderkit/spec-wechat 1.0.0');
    },
    TIMEOUT,
  );
});
