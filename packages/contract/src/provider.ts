/**
 * What `pnpm contract <id>` runs for a provider, in `src/providers/<id>.ts` (found by the
 * `specs/<id>` folder name, no list). A provider without such a file has no contract run.
 */
import { existsSync } from 'node:fs';

/** One option of the provider's run, as node:util `parseArgs` takes it. */
export interface RunOption {
  type: 'string' | 'boolean';
}

export interface RunContext {
  /** `--target`, checked to be a URL. */
  target: string;
  /** The provider's own options as given (strings; absent when not given). */
  values: Readonly<Record<string, string | boolean | undefined>>;
  /** `--json`: print machine-readable output. */
  json: boolean;
  env: NodeJS.ProcessEnv;
}

export interface ContractProvider {
  /** The provider's lines of `pnpm contract --help`: what the run does, then its options. */
  help: string;
  options: Readonly<Record<string, RunOption>>;
  /**
   * Runs the checks against `target`, prints the result, and returns the exit code: 0 every case
   * passed, 1 a case failed. Bad usage (a missing key, a malformed option) throws a UsageError.
   */
  run(context: RunContext): Promise<number>;
}

/** Bad usage of a provider's run: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The provider's module `./providers/<id>.(ts|js)` beside this file, or undefined when it has none. */
export async function contractProvider(id: string): Promise<ContractProvider | undefined> {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) return undefined;
  const file = ['ts', 'js']
    .map((ext) => new URL(`./providers/${id}.${ext}`, import.meta.url))
    .find((url) => existsSync(url));
  if (!file) return undefined;
  const module = (await import(file.href)) as { contractProvider?: ContractProvider };
  return module.contractProvider;
}
