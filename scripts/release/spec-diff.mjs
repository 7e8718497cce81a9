#!/usr/bin/env node
// `pnpm spec:diff`: the breaking-change gate of the provider contracts.
//
//   node scripts/release/spec-diff.mjs [id…]                    the gate (also a test in `pnpm test`)
//   node scripts/release/spec-diff.mjs --changeset [id…]        writes .changeset/contract-<id>.md
//   node scripts/release/spec-diff.mjs --update-baseline [id…]  after `changeset version`
//                                                               (`pnpm version-packages`)
//   --root <dir>  works on a copy of the repository instead of this one (the tests do).
//
// Each spec is bundled afresh from its sources into a temporary folder (like codegen's drift
// check), so a stale or missing dist/ cannot hide a change, and compared with its baseline:
// specs/<id>/released/openapi.json, the bundle as last versioned, beside released/versions.json,
// the versions of the spec package and of its client at that point. `redocly diff` with its
// diff-recommended rules rates every change major, minor or patch; the biggest is the bump the
// change needs. The gate fails when the pending changesets (.changeset/*.md) give the spec
// package @orderkit/spec-<id> or its client @orderkit/<id> less than that: the client embeds the
// contract (its generated types and validator), so a contract break is a break of the client too,
// and changesets would not bump it on its own (it takes the spec package as a devDependency).
//
// Exit codes: 0 passed, 1 the gate failed, 2 it could not run (the message says why).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { listSpecs, redoclyConfig, root as repoRoot } from '../specs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// Through scripts/redocly.mjs: it switches off telemetry and update checks (offline they stall) and
// drops Redocly's Node 20 notice from the output we show on failure.
const REDOCLY = path.join(here, '..', 'redocly.mjs');
const DIFF_CONFIG = path.join(here, 'redocly-diff.yaml');

const USAGE = `Usage: node scripts/release/spec-diff.mjs [--changeset | --update-baseline] [--root <dir>] [spec id…]
  (no option)        compare each spec with specs/<id>/released/ and check the pending changesets
  --changeset        write .changeset/contract-<id>.md for each changed spec (the needed bump, the diff report)
  --update-baseline  after \`changeset version\`: the current bundle becomes the baseline
  --root <dir>       a copy of the repository to work on (default: this repository)`;

const BUMPS = ['none', 'patch', 'minor', 'major'];
const rank = (bump) => BUMPS.indexOf(bump);
const bigger = (a, b) => (rank(a) >= rank(b) ? a : b);

/** A reason the script cannot run, already worded for the reader (what is wrong, how to fix it). */
class CannotRun extends Error {}

const indent = (text, by = '    ') =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => by + l)
    .join('\n');

function options() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        changeset: { type: 'boolean', default: false },
        'update-baseline': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.changeset && values['update-baseline'])
      throw new Error('--changeset and --update-baseline are two steps of a release; give one.');
    return { ...values, ids: positionals, root: path.resolve(values.root ?? repoRoot) };
  } catch (error) {
    throw new CannotRun(`${error.message}\n${USAGE}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The specs and their packages

function manifest(ctx, file, why) {
  if (!existsSync(file)) throw new CannotRun(`${ctx.rel(file)} is missing: ${why}`);
  const { name, version } = JSON.parse(readFileSync(file, 'utf8'));
  if (!/^\d+\.\d+\.\d+$/.test(version ?? ''))
    throw new CannotRun(`${ctx.rel(file)}: version "${version}" is not x.y.z; spec:diff compares plain versions only.`);
  return { name, version };
}

function loadSpecs(ctx, ids) {
  if (!existsSync(path.join(ctx.root, 'specs')))
    throw new CannotRun(`${ctx.root} has no specs/ folder: --root must be a copy of the repository.`);
  const all = listSpecs(path.join(ctx.root, 'specs'));
  const unknown = ids.filter((id) => !all.includes(id));
  if (unknown.length) throw new CannotRun(`no spec named ${unknown.join(', ')}; the specs are ${all.join(', ')}.`);
  return (ids.length ? ids : all).map((id) => {
    const dir = path.join(ctx.root, 'specs', id);
    return {
      id,
      dir,
      packages: [
        manifest(ctx, path.join(dir, 'package.json'), 'every specs/<id> folder is a package (@orderkit/spec-<id>).'),
        manifest(
          ctx,
          path.join(ctx.root, 'packages', id, 'package.json'),
          `every spec has its client package packages/${id}, and the gate checks the bump of both.`,
        ),
      ],
      baseline: path.join(dir, 'released', 'openapi.json'),
      versionsFile: path.join(dir, 'released', 'versions.json'),
      changeset: path.join(ctx.root, '.changeset', `contract-${id}.md`),
    };
  });
}

/** The package versions the baseline was recorded at ({ name: version }), or null for no baseline. */
function releasedVersions(ctx, spec) {
  if (!existsSync(spec.baseline)) return null;
  if (!existsSync(spec.versionsFile))
    throw new CannotRun(
      `${ctx.rel(spec.versionsFile)} is missing beside ${ctx.rel(spec.baseline)}: the two are written together by ` +
        '`node scripts/release/spec-diff.mjs --update-baseline`; restore it from git.',
    );
  return JSON.parse(readFileSync(spec.versionsFile, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Redocly

function redocly(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [REDOCLY, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.setEncoding('utf8').on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Bundles the spec's sources with its own lint configuration, as its `bundle` script does. */
async function bundle(ctx, spec) {
  const out = path.join(ctx.tmp, spec.id, 'current.json');
  const config = redoclyConfig(spec.dir, ctx.root);
  const r = await redocly(['bundle', 'openapi.yaml', '--config', config, '--output', out], spec.dir);
  if (r.code !== 0 || !existsSync(out))
    throw new CannotRun(
      `specs/${spec.id}: Redocly could not bundle openapi.yaml:\n${indent(r.output)}\n` +
        'Fix the spec (`pnpm lint` lists its problems), then run `pnpm spec:diff` again.',
    );
  return out;
}

/**
 * `redocly diff base revision` in one of its formats, as text. `--fail-on none`: the verdict is
 * ours (it depends on the changesets), so Redocly fails only when it cannot read a description.
 */
async function diff(ctx, spec, base, revision, format, cwd) {
  const out = path.join(ctx.tmp, spec.id, `diff.${format === 'json' ? 'json' : 'md'}`);
  const args = ['diff', base, revision, '--config', DIFF_CONFIG, '--format', format, '--fail-on', 'none'];
  const r = await redocly([...args, '--output', out], cwd);
  if (r.code !== 0 || !existsSync(out))
    throw new CannotRun(
      `specs/${spec.id}: \`redocly diff\` could not compare ${ctx.rel(spec.baseline)} with the current bundle:\n` +
        `${indent(r.output)}\nFix what it names in the spec (\`pnpm lint\` lists its problems); a baseline edited by hand ` +
        'is restored from git (it is the released bundle).',
    );
  return readFile(out, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Comparing

const escapePointer = (token) => String(token).replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * One change of Redocly's JSON report, as we print it. `pointer` is where the change is reached
 * from its operation (Redocly's `path`, plus the modified keyword); `definedAt` is where the
 * changed node is written in the bundle, when that is elsewhere (a shared component).
 */
function describe(change) {
  const pointer = change.kind === 'modified' ? `${change.path}/${escapePointer(change.property)}` : change.path;
  const written = (change.revision ?? change.base)?.pointer;
  return {
    impact: change.impact,
    kind: change.kind,
    pointer,
    definedAt: written && written !== pointer ? written : undefined,
    verdicts: (change.verdicts ?? []).map(({ ruleId, message }) => ({ ruleId, message })),
  };
}

/** The spec against its baseline: its changes and the biggest bump they need. */
async function compare(ctx, spec) {
  const current = await bundle(ctx, spec);
  const released = releasedVersions(ctx, spec);
  const result = { spec, current, released, changes: [], needed: 'none', identical: false };
  if (!released) return result;
  const [before, now] = await Promise.all([readFile(spec.baseline), readFile(current)]);
  result.identical = before.equals(now);
  // Bundles are written deterministically: the same bytes are the same contract, no diff needed.
  if (result.identical) return result;
  const report = JSON.parse(await diff(ctx, spec, spec.baseline, current, 'json', ctx.tmp));
  result.changes = report.changes.map(describe).sort((a, b) => rank(b.impact) - rank(a.impact));
  result.needed = result.changes.reduce((needed, c) => bigger(needed, c.impact), 'none');
  return result;
}

// ---------------------------------------------------------------------------------------------
// Changesets

/**
 * The pending changesets, read from .changeset/*.md the way changesets reads them (YAML
 * frontmatter `"package": bump`, then the summary). Not `changeset status --output`: it exits 1
 * without writing the plan when packages changed and no changeset exists, which is exactly the
 * case this gate has to explain, and it needs git and the base branch. For our configuration
 * (no fixed or linked groups) the frontmatter gives the same bumps for the spec and client
 * packages as the release plan; a bump the plan would only derive (a dependent's patch) does not
 * count here, so such a change needs an explicit changeset naming the package.
 */
function pendingChangesets(ctx) {
  const dir = path.join(ctx.root, '.changeset');
  const found = [];
  for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
    if (!name.endsWith('.md') || name === 'README.md') continue;
    const file = path.join(dir, name);
    const text = readFileSync(file, 'utf8');
    const match = /^\s*---([\s\S]*?)\r?\n\s*---(\s*(?:\r?\n|$)[\s\S]*)$/.exec(text);
    const fix = `Fix the frontmatter or delete the file; \`pnpm changeset\` writes a valid one.`;
    if (!match) throw new CannotRun(`${ctx.rel(file)} has no frontmatter (--- "package": bump … ---). ${fix}`);
    let releases;
    try {
      releases = parseYaml(match[1]) ?? {};
    } catch (error) {
      throw new CannotRun(`${ctx.rel(file)}: its frontmatter is not YAML (${error.message.split('\n')[0]}). ${fix}`);
    }
    if (typeof releases !== 'object' || Array.isArray(releases))
      throw new CannotRun(`${ctx.rel(file)}: its frontmatter is not a map of package names to bumps. ${fix}`);
    for (const [pkg, bump] of Object.entries(releases))
      if (!BUMPS.includes(bump))
        throw new CannotRun(`${ctx.rel(file)}: "${pkg}": ${bump} is not one of ${BUMPS.join(', ')}. ${fix}`);
    found.push({ file, releases });
  }
  return found;
}

/** The biggest bump that the changesets (leaving out the file `except`) give the package. */
const given = (changesets, name, except) =>
  changesets.filter((c) => c.file !== except).reduce((bump, c) => bigger(bump, c.releases[name] ?? 'none'), 'none');

/** The version a bump gives, as changesets computes it: on 0.x too a major bump makes 1.0.0. */
function nextVersion(version, bump) {
  const [major, minor, patch] = version.split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
  return version;
}

/** The bump that took `from` to `to` (what `changeset version` gave a package). */
function bumpBetween(from, to) {
  const [a, b] = [from, to].map((v) => v.split('.').map(Number));
  if (b[0] !== a[0]) return b[0] > a[0] ? 'major' : 'none';
  if (b[1] !== a[1]) return b[1] > a[1] ? 'minor' : 'none';
  return b[2] > a[2] ? 'patch' : 'none';
}

const lead = (r) => {
  const counts = BUMPS.slice(1)
    .toReversed()
    .map((b) => `${r.changes.filter((c) => c.impact === b).length} ${b}`);
  return `${r.changes.length} change${r.changes.length === 1 ? '' : 's'} (${counts.join(', ')})`;
};

/** What a contract changeset describes: the spec package's versions either side and the bump. */
function changesetTarget(r, changesets) {
  const [specPkg] = r.spec.packages;
  const from = r.released[specPkg.name];
  const to = nextVersion(specPkg.version, bigger(r.needed, given(changesets, specPkg.name, r.spec.changeset)));
  return { from, to, bump: r.needed };
}

/**
 * The mark a contract changeset carries in an HTML comment (invisible in the CHANGELOG): a hash of
 * both bundles and of what it says about versions. The gate compares marks, not texts, so a line
 * added to the changeset by hand stays until the contract itself moves on.
 */
function mark(r, target) {
  const hash = createHash('sha256');
  for (const part of [readFileSync(r.spec.baseline), readFileSync(r.current), JSON.stringify(target)])
    hash.update(part);
  return `spec:diff ${hash.digest('hex').slice(0, 16)}`;
}

const markOf = (text) => /<!-- .*?(spec:diff [0-9a-f]{16})/.exec(text)?.[1];

/**
 * The changeset `--changeset` writes for a changed spec: both packages at the needed bump, and as
 * its text Redocly's markdown report, which `changeset version` puts into both CHANGELOG.md files.
 * The two bundles are compared under the names they have in the published packages
 * (`@orderkit/spec-<id>@<version>/dist/openapi.json`), so the report's locations are lines a
 * consumer can open in the package they install.
 */
async function renderChangeset(ctx, r, changesets) {
  const [specPkg, clientPkg] = r.spec.packages;
  const target = changesetTarget(r, changesets);
  const dir = path.join(ctx.tmp, r.spec.id, 'named');
  const names = [target.from, target.to].map((v) => path.join(`${specPkg.name}@${v}`, 'dist', 'openapi.json'));
  for (const [source, name] of [
    [r.spec.baseline, names[0]],
    [r.current, names[1]],
  ]) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await copyFile(source, path.join(dir, name));
  }
  const report = (await diff(ctx, r.spec, names[0], names[1], 'markdown', dir))
    .trim()
    // Under changesets' "### Major Changes" heading of the CHANGELOG, not beside the version's.
    .replace(/^## API diff:/, '#### API diff:');
  const breaking = r.needed === 'major' ? ', with breaking changes' : '';
  return [
    '---',
    `"${specPkg.name}": ${r.needed}`,
    `"${clientPkg.name}": ${r.needed}`,
    '---',
    '',
    `Contract \`specs/${r.spec.id}\` changed since ${specPkg.name} ${target.from}${breaking}: ${lead(r)}.`,
    '',
    'Each row is one change of the bundled contract (`dist/openapi.json` of the spec package, which the client',
    'embeds): its semver impact, its JSON pointer, its line in the bundle (of the previous version for a removed',
    'part) and the rule that rated it.',
    '',
    `<!-- Written by \`pnpm spec:diff --changeset\` from \`redocly diff\` (${mark(r, target)}); run it again after editing the spec. -->`,
    '',
    report,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Output

function printChanges(r) {
  for (const c of r.changes) {
    console.log(`  ${c.impact.padEnd(5)}  ${c.kind.padEnd(8)}  ${c.pointer}`);
    const pad = ' '.repeat(19);
    if (c.definedAt) console.log(`${pad}defined at ${c.definedAt}`);
    for (const v of c.verdicts) console.log(`${pad}${v.message} (${v.ruleId})`);
  }
}

function headline(ctx, r) {
  const [specPkg] = r.spec.packages;
  if (!r.released)
    return (
      `specs/${r.spec.id}: no baseline yet (${ctx.rel(r.spec.baseline)}): never released, nothing to compare; ` +
      '`pnpm version-packages` records it.'
    );
  const since = `since ${specPkg.name} ${r.released[specPkg.name]}`;
  if (!r.changes.length) return `specs/${r.spec.id}: no contract change ${since} (${ctx.rel(r.spec.baseline)}).`;
  return `specs/${r.spec.id}: ${lead(r)} ${since}: needs a ${r.needed} bump.`;
}

/** The packages of a changed spec that get less than the bump its changes need. */
const shortfall = (r, givenTo) =>
  r.changes.length ? r.spec.packages.filter((p) => rank(givenTo(p.name)) < rank(r.needed)) : [];

/**
 * Why a changed spec fails: the bump it needs from `from(name)` (the current version, or the
 * baseline's after versioning), what `givenTo` gives each package, and the changes that need more.
 */
function failureText(r, short, { givenTo, gave, from }) {
  const weakest = short.reduce((w, p) => (rank(givenTo(p.name)) < rank(w) ? givenTo(p.name) : w), 'major');
  const more = r.changes.filter((c) => rank(c.impact) > rank(weakest));
  const wants = r.spec.packages.map((p) => `${p.name} (${from(p)} → ${nextVersion(from(p), r.needed)})`);
  const gets = r.spec.packages.map((p) => `${p.name} ${givenTo(p.name)}`);
  return [
    `specs/${r.spec.id} needs a ${r.needed} bump of ${wants.join(' and ')}; ${gave} ${gets.join(', ')}.`,
    `  ${more.length === 1 ? 'The change' : 'Changes'} needing a bigger bump than that:`,
    ...more.map((c) => `    ${c.impact.padEnd(5)}  ${c.pointer}`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The three modes

async function gate(ctx, results, { wrote }) {
  const changesets = pendingChangesets(ctx);
  const failures = [];
  for (const r of results) {
    console.log(headline(ctx, r));
    printChanges(r);
    if (r.changes.length) {
      const gives = r.spec.packages.map((p) => `${p.name} ${given(changesets, p.name)}`);
      console.log(`  pending changesets give: ${gives.join(', ')}`);
    }
    const givenTo = (name) => given(changesets, name);
    const short = shortfall(r, givenTo);
    if (short.length) {
      const why = failureText(r, short, { givenTo, gave: 'the pending changesets give', from: (p) => p.version });
      failures.push(
        `${why}\n` +
          `  Fix: \`pnpm spec:diff --changeset\` writes .changeset/contract-${r.spec.id}.md with a ${r.needed} bump of both ` +
          `packages and the diff report as its text (it goes into their CHANGELOG.md); or \`pnpm changeset\` and choose ` +
          `${r.needed} for ${r.spec.packages.map((p) => p.name).join(' and ')}.`,
      );
      continue;
    }
    // A contract changeset is generated from the diff, like the client code from the spec: one
    // that no longer matches it would put a wrong account of the contract into the CHANGELOG.
    if (existsSync(r.spec.changeset) && !wrote.has(r.spec.id)) {
      const file = path.relative(ctx.root, r.spec.changeset);
      const now = readFileSync(r.spec.changeset, 'utf8');
      if (!r.changes.length)
        failures.push(
          `specs/${r.spec.id}: ${file} describes contract changes that are no longer in the spec.\n` +
            `  Fix: \`pnpm spec:diff --changeset\` deletes it.`,
        );
      else if (markOf(now) !== mark(r, changesetTarget(r, changesets)))
        failures.push(
          `specs/${r.spec.id}: ${file} no longer matches the contract diff (the spec or the other pending changesets ` +
            'changed since it was written).\n  Fix: `pnpm spec:diff --changeset` writes it afresh.',
        );
    }
  }
  if (!failures.length) return 0;
  console.error(`\nspec:diff failed:\n\n${failures.join('\n\n')}`);
  return 1;
}

async function writeChangesets(ctx, results) {
  const changesets = pendingChangesets(ctx);
  const wrote = new Set();
  for (const r of results) {
    const file = path.relative(ctx.root, r.spec.changeset);
    if (!r.changes.length) {
      if (existsSync(r.spec.changeset)) {
        await rm(r.spec.changeset);
        console.log(`specs/${r.spec.id}: no contract change any more: deleted ${file}.`);
      }
      continue;
    }
    await mkdir(path.dirname(r.spec.changeset), { recursive: true });
    await writeFile(r.spec.changeset, await renderChangeset(ctx, r, changesets));
    wrote.add(r.spec.id);
    const bumps = r.spec.packages.map((p) => `${p.name} ${p.version} → ${nextVersion(p.version, r.needed)}`);
    console.log(`specs/${r.spec.id}: wrote ${file}: ${r.needed} for ${bumps.join(' and ')}.`);
  }
  console.log('');
  return gate(ctx, results, { wrote });
}

async function updateBaselines(ctx, results) {
  const failures = [];
  for (const r of results) {
    const versions = Object.fromEntries(r.spec.packages.map((p) => [p.name, p.version]));
    const record = async () => {
      await mkdir(path.dirname(r.spec.baseline), { recursive: true });
      await copyFile(r.current, r.spec.baseline);
      await writeFile(r.spec.versionsFile, `${JSON.stringify(versions, null, 2)}\n`);
    };
    const now = r.spec.packages.map((p) => `${p.name} ${p.version}`).join(', ');
    if (!r.released) {
      await record();
      console.log(`specs/${r.spec.id}: baseline recorded at ${now} (its first release).`);
      continue;
    }
    // `changeset version` has consumed the changesets by now, so what they gave is the version
    // step since the baseline. A contract change it did not cover stays out of the baseline:
    // moving it would hide the change from every later gate.
    const givenTo = (name) => bumpBetween(r.released[name] ?? '0.0.0', versions[name]);
    const short = shortfall(r, givenTo);
    if (short.length) {
      console.log(headline(ctx, r));
      printChanges(r);
      const from = (p) => r.released[p.name] ?? '0.0.0';
      const why = failureText(r, short, { givenTo, gave: 'the versioning since the baseline gave', from });
      failures.push(
        `${why}\n` +
          `  The baseline ${ctx.rel(r.spec.baseline)} stays as it is. Fix: \`pnpm spec:diff --changeset\`, then ` +
          '`pnpm version-packages` again.',
      );
      continue;
    }
    const moved = Object.entries(versions).some(([name, v]) => r.released[name] !== v);
    if (r.identical && !moved) {
      console.log(`specs/${r.spec.id}: no contract change and no new version: baseline kept at ${now}.`);
      continue;
    }
    await record();
    const what = r.changes.length ? `${lead(r)} since the last baseline` : 'no contract change';
    console.log(`specs/${r.spec.id}: baseline moved to ${now}; ${what}.`);
  }
  if (!failures.length) return 0;
  console.error(`\nspec:diff --update-baseline failed:\n\n${failures.join('\n\n')}`);
  return 1;
}

async function main() {
  const opts = options();
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const ctx = { root: opts.root, rel: (file) => path.relative(opts.root, file) };
  const specs = loadSpecs(ctx, opts.ids);
  ctx.tmp = await mkdtemp(path.join(tmpdir(), 'orderkit-spec-diff-'));
  try {
    const results = await Promise.all(specs.map((spec) => compare(ctx, spec)));
    if (opts['update-baseline']) return await updateBaselines(ctx, results);
    if (opts.changeset) return await writeChangesets(ctx, results);
    return await gate(ctx, results, { wrote: new Set() });
  } finally {
    await rm(ctx.tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // Our own reasons are worded for the reader; anything else is a bug here, and its message
    // (not its stack) is what helps most to report it.
    console.error(`spec:diff: ${error instanceof CannotRun ? error.message : `unexpected error: ${error.message}`}`);
    process.exit(2);
  },
);
