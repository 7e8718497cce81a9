/**
 * The GitHub Actions workflows are valid (action-validator, offline, against the workflow schema)
 * and run what our own CI and release path run: `.ci/run` on Node 22 and 24, and the root
 * package's `version-packages` and `release` scripts.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root, run } from '../src/workspace.js';

const validator = path.join(root, 'node_modules/.bin/action-validator');
const folder = path.join(root, '.github/workflows');
const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f));
const validate = (file: string) =>
  run(validator, [file]).then(
    () => 'valid',
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
const workflow = (name: string) => parse(readFileSync(path.join(folder, name), 'utf8'));
const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;

describe('the GitHub Actions workflows', () => {
  it.each(files)('%s is valid', async (file) => {
    expect(await validate(path.join(folder, file))).toBe('valid');
  });

  it('an invalid workflow is caught (the check is not vacuous)', async () => {
    const bad = path.join(await mkdtemp(path.join(tmpdir(), 'orderkit-wf-')), 'bad.yml');
    writeFileSync(bad, 'name: bad\non: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    stepz: []\n');
    expect(await validate(bad)).toContain("Additional property 'stepz' is not allowed");
  });

  it('ci runs .ci/run on Node 22 and 24', () => {
    const job = workflow('ci.yml').jobs.test;
    expect(job.strategy.matrix.node).toEqual(['22', '24']);
    const steps = job.steps as Array<{ run?: string; uses?: string; with?: Record<string, string> }>;
    // setup-node takes the matrix's version (an Actions expression, matched as text)
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toMatch(
      /^\$\{\{ matrix\.node \}\}$/,
    );
    expect(steps.some((s) => s.run?.includes('bash .ci/run'))).toBe(true);
  });

  it('release versions and publishes with the root scripts the README documents', () => {
    const steps = workflow('release.yml').jobs.release.steps as Array<{ uses?: string; with?: Record<string, string> }>;
    const changesets = steps.find((s) => s.uses?.startsWith('changesets/action'));
    expect(changesets?.with).toMatchObject({ version: 'pnpm version-packages', publish: 'pnpm release' });
    expect(scripts['version-packages']).toContain('changeset version');
    expect(scripts.release).toContain('changeset publish');
  });
});
