/**
 * `pnpm cli <provider> <command>`: the order-desk CLI. Each provider module contributes its
 * commands (registry `commands`); this file dispatches to them and maps errors to exit codes.
 * Exit codes: 0 success; 1 the provider answered a failure (outcome 'failed'); 2 bad usage, invalid
 * input or configuration; 3 unknown outcome (error.outcome 'unknown': timeout, network, an
 * unreadable or unverifiable answer).
 */
import { OrderkitConfigError, OrderkitInputError } from '@orderkit/core';
import { StoreLockedError, StoreValidationError } from '@orderkit/order-store';
import { printCards, parse, UsageError } from './cli/output.js';
import { setOrder } from './cli/set-order.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { providers } from './providers/index.js';
import type { AnyProvider, CliCommand, CliTools } from './providers/registry.js';
import { createServices } from './services.js';
import { openAppStore } from './store.js';

// biome-ignore lint/suspicious/noExplicitAny: commands of modules with different configuration and service types
type AnyCommand = CliCommand<any, any>;
const commands = (providers as readonly AnyProvider[]).flatMap((provider) =>
  (provider.commands ?? []).map((command: AnyCommand) => ({ provider, command })),
);
const keyOf = (command: AnyCommand) => `${command.group} ${command.name}`;
const groups = [...new Set(commands.map(({ command }) => command.group))];

const OVERVIEW = `usage: pnpm cli <provider> <command> [options]   (--help on any command)

${commands.map(({ command: c }) => `  ${c.group.padEnd(8)} ${c.name} ${c.summary}`).join('\n')}

  --json   machine-readable output (every command)
Exit codes: 0 success, 1 the provider answered a failure, 2 bad usage or input, 3 unknown outcome.
Configuration: environment variables or .env (see the README); with none set, the mocks.`;

let loaded: Config | undefined;
const config = () => (loaded ??= loadConfig());

/** Runs `work` with `provider`'s service over the audit log (without one when the app holds the store). */
async function withService<T>(provider: AnyProvider, work: (service: unknown) => Promise<T>): Promise<T> {
  let store;
  try {
    store = await openAppStore(config(), 'order-desk cli');
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
  }
  const noStore = { appendAudit: async () => undefined, tokens: undefined };
  try {
    const services = createServices(config(), (store ?? noStore) as never, { cli: true });
    const entry = services.providers.find((p) => p.module.id === provider.id);
    return await work(entry?.service);
  } finally {
    await store?.close();
  }
}

function toolsFor(provider: AnyProvider): CliTools<unknown, unknown> {
  return {
    config: () => (config() as unknown as Record<string, unknown>)[provider.id],
    app: config,
    withService: (work) => withService(provider, work as (service: unknown) => Promise<never>),
    parse: (args, options) => parse(args, options),
    usage: (message) => new UsageError(message),
    printCards,
    setOrder: (order) => setOrder(config(), order),
  };
}

async function main(argv: string[]): Promise<number> {
  const [group = '', name = '', ...rest] = argv;
  const key = `${group} ${name}`.trim();
  if (!group || group === '--help' || group === '-h' || group === 'help') {
    console.log(OVERVIEW);
    return group ? 0 : 2;
  }
  const found = name ? commands.find(({ command }) => keyOf(command) === key) : undefined;
  if (!found) {
    const known = commands.filter(({ command }) => command.group === group).map(({ command }) => command.name);
    throw new UsageError(
      known.length
        ? `unknown command "${key}"; ${group} has: ${known.join(', ')}`
        : `unknown provider "${group}"; use ${groups.slice(0, -1).join(', ')} or ${groups.at(-1)}`,
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(found.command.help);
    return 0;
  }
  return found.command.run(rest, toolsFor(found.provider));
}

// `pnpm cli … | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Bad usage or input, or a configuration that cannot work (the kit's input/config kinds): 2.
  const badInput =
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof StoreValidationError ||
    error instanceof OrderkitInputError ||
    error instanceof OrderkitConfigError;
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = badInput ? 2 : 3;
}
