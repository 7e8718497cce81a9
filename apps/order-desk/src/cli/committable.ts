/**
 * Whether files about to be written could end up in a commit: inside a git work tree and not
 * ignored there. the key generator asks before writing private keys.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The work tree and the names (of `names`, to be written into `dir`) that git would not ignore;
 * `undefined` when git ignores them all, `dir` is outside any work tree, or git is not installed
 * (then nobody commits them with it either).
 */
export function committableIn(dir: string, names: readonly string[]): { repo: string; files: string[] } | undefined {
  // `dir` may not exist yet: ask git from its nearest existing ancestor, resolved like git resolves it.
  let existing = path.resolve(dir);
  while (!existsSync(existing)) existing = path.dirname(existing);
  const target = path.join(realpathSync(existing), path.relative(existing, path.resolve(dir)));
  const top = spawnSync('git', ['-C', realpathSync(existing), 'rev-parse', '--show-toplevel'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  // ENOENT: no git; a non-zero status: not in a work tree (or inside .git itself).
  if (top.error || top.status !== 0) return undefined;
  const repo = top.stdout.trim();
  const files = names.map((n) => path.relative(repo, path.join(target, n)).split(path.sep).join('/'));
  const check = spawnSync('git', ['-C', repo, 'check-ignore', '--stdin', '-z'], {
    encoding: 'utf8',
    input: files.map((f) => `${f}\0`).join(''),
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  // 0: some are ignored, 1: none is; anything else is git failing, which proves nothing either way.
  if (check.status !== 0 && check.status !== 1) return undefined;
  const ignored = new Set(check.stdout.split('\0').filter(Boolean));
  const open = files.filter((f) => !ignored.has(f));
  return open.length ? { repo, files: open } : undefined;
}
