/**
 * The workspace's published packages: every package.json under specs/, packages/ and apps/ that is
 * not `private`. Read from the files, so that a package made public is checked without a list.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface PublishedPackage {
  name: string;
  version: string;
  /** Absolute path of its folder. */
  dir: string;
  manifest: Record<string, unknown> & { exports?: unknown; types?: unknown; bin?: Record<string, string> };
}

export function publishedPackages(): PublishedPackage[] {
  const found: PublishedPackage[] = [];
  for (const group of ['specs', 'packages', 'apps']) {
    for (const entry of readdirSync(path.join(root, group), { withFileTypes: true })) {
      const file = path.join(root, group, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.private) continue;
      found.push({ name: manifest.name, version: manifest.version, dir: path.dirname(file), manifest });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether a package ships TypeScript types (the spec packages ship JSON and YAML only). */
export const hasTypes = (p: PublishedPackage): boolean => JSON.stringify(p.manifest.exports ?? {}).includes('.d.ts');

/** `pnpm pack` of one package into `into` (publishConfig applied, `workspace:` ranges rewritten); the tarball's path. */
export async function pack(p: PublishedPackage, into: string): Promise<string> {
  await mkdir(into, { recursive: true });
  const { stdout } = await run('pnpm', ['pack', '--pack-destination', into, '--json'], { cwd: p.dir });
  const parsed = JSON.parse(stdout) as { filename: string };
  return path.isAbsolute(parsed.filename) ? parsed.filename : path.join(into, path.basename(parsed.filename));
}
