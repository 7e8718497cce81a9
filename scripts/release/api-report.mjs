#!/usr/bin/env node
// `pnpm api:check` / `pnpm api:update`: the public TypeScript API of every published package that
// ships types, recorded by API Extractor in a committed report per entry point
// (`<package>/api/<name>.api.md`) — a reviewer sees an API change as a diff of that file, and
// `pnpm test` fails on a change the report does not record (tools/release/test/api-report.test.ts).
// Reads the built declarations (`dist/*.d.ts`): run `pnpm build` first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Published packages with types, and their entry points as [subpath, declaration file]. */
export function entryPoints() {
  const out = [];
  for (const group of ['packages', 'specs']) {
    for (const name of readdirSync(path.join(root, group))) {
      const dir = path.join(root, group, name);
      const file = path.join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.private) continue;
      const exports = manifest.publishConfig?.exports ?? manifest.exports ?? {};
      for (const [subpath, target] of Object.entries(exports)) {
        const types = typeof target === 'object' ? target.types : undefined;
        if (!types) continue;
        if (types.includes('*')) {
          // A wildcard subpath (e.g. `./providers/*`): one report per file it matches.
          const [before, after] = types.split('*');
          const folder = path.join(dir, before.slice(0, before.lastIndexOf('/') + 1));
          const prefix = before.slice(before.lastIndexOf('/') + 1);
          if (!existsSync(folder))
            throw new Error(`${manifest.name}: ${path.relative(dir, folder)} is missing — run pnpm build`);
          const matches = readdirSync(folder).filter((f) => f.startsWith(prefix) && f.endsWith(after));
          for (const f of matches.sort()) {
            const stem = f.slice(prefix.length, -after.length);
            out.push({ manifest, dir, subpath: subpath.replace('*', stem), types: path.join(folder, f) });
          }
        } else out.push({ manifest, dir, subpath, types: path.join(dir, types) });
      }
    }
  }
  return out;
}

/** The report's file name: `wechat.api.md` for `@orderkit/wechat`, `dstore-dev-keys.api.md` for `./dev-keys`. */
const reportName = (manifest, subpath) =>
  `${[
    manifest.name.replace(/^@orderkit\//, ''),
    ...subpath
      .replace(/^\.\/?/, '')
      .split('/')
      .filter(Boolean),
  ].join('-')}.api.md`;

/**
 * Runs API Extractor on every entry point. `update`: writes the reports. `check`: compares, and
 * returns the entry points whose API differs from its committed report. `only`: package names to
 * check (default: all); `reportFolderOf`: where a package's reports are (default: its `api/`).
 */
export function apiReports({
  update = false,
  log = console.log,
  reportFolderOf = (dir) => path.join(dir, 'api'),
  only = undefined,
} = {}) {
  const changed = [];
  const problems = [];
  for (const { manifest, dir, subpath, types } of entryPoints()) {
    if (only && !only.includes(manifest.name)) continue;
    if (!existsSync(types))
      throw new Error(`${manifest.name}: ${path.relative(root, types)} is missing — run pnpm build`);
    const reportFileName = reportName(manifest, subpath);
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: dir,
        mainEntryPointFilePath: types,
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              module: 'nodenext',
              moduleResolution: 'nodenext',
              strict: true,
              skipLibCheck: true,
              types: ['node'],
            },
            include: [types],
          },
        },
        apiReport: {
          enabled: true,
          reportFileName,
          reportFolder: reportFolderOf(dir),
          reportTempFolder: path.join(reportFolderOf(dir), '.temp'),
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          // The report records the API; release tags (@public/@beta) and TSDoc syntax are not what
          // this check is for, and a type the entry point uses without exporting is noted in the
          // report itself (a reviewer sees it) rather than failing the run.
          extractorMessageReporting: {
            default: { logLevel: ExtractorLogLevel.None },
            'ae-forgotten-export': { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
          },
          tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
          compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
        },
      },
      configObjectFullPath: path.join(dir, 'api-extractor.json'),
      packageJsonFullPath: path.join(dir, 'package.json'),
    });
    const result = Extractor.invoke(config, {
      localBuild: update,
      messageCallback: (message) => {
        if (message.logLevel === ExtractorLogLevel.Error)
          problems.push(`${manifest.name}${subpath.slice(1)}: ${message.text}`);
        message.handled = true;
      },
    });
    const label = `${manifest.name}${subpath === '.' ? '' : subpath.slice(1)}`;
    if (result.apiReportChanged) {
      const report = path.relative(root, path.join(reportFolderOf(dir), reportFileName));
      changed.push({ label, report });
      log(`${update ? 'updated' : 'CHANGED'}  ${label}  (${report})`);
    } else log(`same     ${label}`);
  }
  return { changed, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const update = process.argv.includes('--update');
  try {
    const { changed, problems } = apiReports({ update });
    for (const p of problems) console.error(`error: ${p}`);
    if (problems.length) process.exit(1);
    if (changed.length && !update) {
      console.error(
        `\nThe public API of ${changed.map((c) => c.label).join(', ')} differs from its committed report.` +
          '\nIf the change is intended: `pnpm api:update`, commit the reports, and add a changeset (`pnpm changeset`) with the bump the change needs.',
      );
      process.exit(1);
    }
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
