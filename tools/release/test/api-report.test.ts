/**
 * The public API of every published package is what its committed report says
 * (`<package>/api/*.api.md`, written by `pnpm api:update`): a change to an exported type, function
 * or class that the report does not record fails here, so it is reviewed as a diff of the report
 * and released with a changeset.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script of the repository, without declarations
import { apiReports } from '../../../scripts/release/api-report.mjs';

type Run = { changed: Array<{ label: string; report: string }>; problems: string[] };
const quiet = () => {};
const scratch = mkdtempSync(path.join(tmpdir(), 'orderkit-api-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the API reports', () => {
  it('record the public API of every published package as built', () => {
    const { changed, problems } = apiReports({ log: quiet }) as Run;
    expect(problems).toEqual([]);
    expect(changed.map((c) => `${c.label} differs from ${c.report}: run pnpm api:update and review the diff`)).toEqual(
      [],
    );
  }, 300_000);

  it('catch an API change the report does not record', () => {
    // Reports copied to a scratch folder, one of them missing an exported function: the check
    // against that folder reports exactly that entry point.
    const folderOf = (dir: string) => path.join(scratch, path.basename(dir));
    cpSync(path.resolve(import.meta.dirname, '../../../packages/wechat/api'), folderOf('wechat'), { recursive: true });
    const report = path.join(folderOf('wechat'), 'wechat.api.md');
    const text = readFileSync(report, 'utf8');
    const line = text.split('\n').find((l) => l.startsWith('export function centsToYuan'));
    expect(line).toBeDefined();
    writeFileSync(report, text.replace(`${line}\n`, ''));
    const { changed } = apiReports({ log: quiet, reportFolderOf: folderOf, only: ['@orderkit/wechat'] }) as Run;
    expect(changed.map((c) => c.label)).toEqual(['@orderkit/wechat']);
  }, 300_000);
});
