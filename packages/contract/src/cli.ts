#!/usr/bin/env node
/**
 * `pnpm contract <provider> --target <url> [--json]`, for every `specs/<id>` folder whose provider
 * has a run in `src/providers/<id>.ts`.
 * Exit codes: 0 every case passed; 1 a case failed; 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { PROVIDERS } from '@orderkit/mock-server';
import { type ContractProvider, contractProvider, UsageError } from './provider.js';

/**
 * How the user started us, for the help and error lines: `pnpm contract` in this repository (its
 * root script), else the installed bin (`npx @orderkit/contract` runs `orderkit-contract`).
 */
const COMMAND = process.env.npm_lifecycle_event === 'contract' ? 'pnpm contract' : 'orderkit-contract';

/** Bad usage: one line saying what is wrong (and where the help is), exit 2, nothing sent. */
function fail(message: string): never {
  console.error(`error: ${message} — see ${COMMAND} --help`);
  process.exit(2);
}

/** The providers that have a contract run, in the order of `specs/*`. */
async function runnable(): Promise<Array<[string, ContractProvider]>> {
  const found = await Promise.all(PROVIDERS.map(async (id) => [id, await contractProvider(id)] as const));
  return found.filter((entry): entry is [string, ContractProvider] => entry[1] !== undefined);
}

async function help(): Promise<string> {
  const runs = await runnable();
  return `usage: ${COMMAND} <provider> --target <url> [options]

${runs.map(([, p]) => p.help).join('\n')}

  --json   machine-readable output
Exit codes: 0 all passed, 1 a case failed, 2 bad usage.`;
}

const COMMON = {
  target: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const argv = process.argv.slice(2).filter((a) => a !== '--');
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(await help());
  process.exit(0);
}
// First pass, with every provider's options known (so an option's value is not taken for the
// provider's name): which provider. The second pass checks the options against that provider's.
const everyOption = Object.assign({}, ...(await runnable()).map(([, p]) => p.options), COMMON);
const id = parseArgs({ args: argv, allowPositionals: true, strict: false, options: everyOption }).positionals[0];
const provider = id ? await contractProvider(id) : undefined;
if (!id || !provider) {
  const names = (await runnable()).map(([name]) => name).join(', ');
  fail(`name a provider: ${names} (got ${id ?? 'none'})`);
}

let parsed: ReturnType<typeof parseArgs>;
try {
  parsed = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...provider.options, ...COMMON },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values } = parsed;
const target = values.target;
if (typeof target !== 'string') fail('--target <url> is required');
try {
  new URL(target);
} catch {
  fail(`--target ${target} is not a URL`);
}

try {
  const code = await provider.run({
    target,
    values: values as Record<string, string | boolean | undefined>,
    json: values.json === true,
    env: process.env,
  });
  process.exit(code);
} catch (error) {
  if (error instanceof UsageError) fail(error.message);
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
}
