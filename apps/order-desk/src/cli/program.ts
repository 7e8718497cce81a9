/**
 * The order-desk CLI's program (`orderkit <group> <command>`, entry: ../cli.ts). Each provider module
 * declares its commands (registry `commands`); this file builds them into a commander program, so
 * usage, help at every level, "did you mean" suggestions and usage errors are commander's, and
 * maps every ending to its exit code: 0 success; 1 the provider said no (outcome 'failed'); 2 bad
 * usage, invalid input or configuration, one line, before anything is sent; 3 unknown outcome
 * (timeout, network, an unreadable or unverifiable answer).
 */
import { Command, CommanderError, Option } from 'commander';
import { OrderkitConfigError, OrderkitInputError } from '@orderkit/core';
import { StoreLockedError, StoreValidationError } from '@orderkit/order-store';
import { type Config, ConfigError, type Env, loadConfig } from '../config.js';
import { providers } from '../providers/index.js';
import type { AnyProvider, CliCommand, CliInput, CliTools } from '../providers/registry.js';
import { createServices } from '../services.js';
import { openAppStore } from '../store.js';
import { printLookups, UsageError } from './output.js';
import { createProgress, silentProgress } from './progress.js';
import { setOrder } from './set-order.js';

// biome-ignore lint/suspicious/noExplicitAny: commands of modules with different configuration and service types
type AnyCommand = CliCommand<any, any>;

const NAME = 'orderkit';
const EXIT_CODES =
  'Exit codes: 0 success, 1 the provider said no, 2 bad usage or input (nothing sent), 3 unknown outcome.';

/** What the commands share in one run: the configuration (read on first use, from `env`) and the services. */
function toolsFor(env: Env): (provider: AnyProvider) => CliTools<unknown, unknown> {
  let loaded: Config | undefined;
  const config = () => (loaded ??= loadConfig(env));

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

  return (provider) => ({
    config: () => (config() as unknown as Record<string, unknown>)[provider.id],
    app: config,
    withService: (work) => withService(provider, work as (service: unknown) => Promise<never>),
    usage: (message) => new UsageError(message),
    printLookups: (looked, input) => printLookups(looked, input.json),
    progress: (input) => (input.json || input.quiet ? silentProgress : createProgress()),
    setOrder: (order) => setOrder(config(), order),
  });
}

/**
 * Commander's usage errors as one line that says where the help is: `error: unknown option
 * '--depid' (Did you mean --dep-id?) — see orderkit <group> <command> --help`.
 */
function oneLineErrors(command: Command, path: string): Command {
  return command.configureOutput({
    outputError: (message, write) => write(`${message.trim().replace(/\s*\n\s*/g, ' ')} — see ${path} --help\n`),
  });
}

/** The commander command for one declared command; `run` records its exit code. */
function addCommand(
  group: Command,
  provider: AnyProvider,
  declared: AnyCommand,
  run: { tools: ReturnType<typeof toolsFor>; done: (code: number) => void },
) {
  const command = group.command(declared.name).summary(declared.summary).description(declared.summary);
  for (const alias of declared.aliases ?? []) command.alias(alias);
  for (const a of declared.arguments ?? []) {
    const name = `${a.name}${a.variadic ? '...' : ''}`;
    command.argument(a.required === false ? `[${name}]` : `<${name}>`, a.description);
  }
  for (const o of declared.options ?? []) {
    const extra = [o.required ? 'required' : '', o.defaultDescription ? `default: ${o.defaultDescription}` : ''];
    const description = [o.description, ...extra.filter(Boolean).map((e) => `(${e})`)].join(' ');
    const option = new Option(o.flags, description);
    if (o.choices) option.choices(o.choices);
    command.addOption(option);
  }
  // Commander's usage line says only "[options]": name the options that must be given.
  const required = (declared.options ?? []).filter((o) => o.required).map((o) => o.flags);
  const args = (declared.arguments ?? []).map((a) => {
    const name = `${a.name}${a.variadic ? '...' : ''}`;
    return a.required === false ? `[${name}]` : `<${name}>`;
  });
  command.usage([...required, '[options]', ...args].join(' '));
  command.option('--json', 'print the typed result as JSON (see the README for its shape)');
  if (declared.progress) command.option('--quiet', 'print no progress');
  if (declared.details) command.addHelpText('after', `\n${declared.details}`);
  oneLineErrors(command, `${NAME} ${declared.group} ${declared.name}`);
  command.action(async (...params: unknown[]) => {
    const self = params.at(-1) as Command;
    const options = self.opts<Record<string, string | boolean | undefined>>();
    // Checked here rather than with commander's makeOptionMandatory, which runs before the unknown
    // option check: a mistyped `--depid` then got "--dep-id not specified" instead of "did you mean".
    const missing = (declared.options ?? []).find((o) => {
      if (!o.required) return false;
      const attribute = command.options.find((c) => c.flags === o.flags)?.attributeName();
      return attribute !== undefined && options[attribute] === undefined;
    });
    if (missing)
      self.error(`error: required option '${missing.flags}' not specified`, {
        code: 'commander.missingMandatoryOptionValue',
      });
    const input: CliInput = { args: self.args, options, json: options.json === true, quiet: options.quiet === true };
    run.done(await declared.run(input, run.tools(provider)));
  });
}

/** The program: one command per group (a provider's or its side's), each with the declared commands. */
export function buildProgram(done: (code: number) => void, env: Env = process.env): Command {
  const tools = toolsFor(env);
  const program = new Command(NAME)
    .usage('<group> <command> [options]')
    .description(
      "order-desk from the command line: each provider's lookups and tools, one group per provider.\n" +
        'Configuration: environment variables or .env (see the README); with none set, the mocks.',
    )
    .exitOverride()
    .showSuggestionAfterError(true);
  oneLineErrors(program, NAME);
  const declared = (providers as readonly AnyProvider[]).flatMap((provider) =>
    (provider.commands ?? []).map((command: AnyCommand) => ({ provider, command })),
  );
  const groups = new Map<string, Command>();
  for (const { provider, command } of declared) {
    let group = groups.get(command.group);
    if (!group) {
      const about = provider.cliGroups?.[command.group] ?? `${provider.name}: ${provider.operation}`;
      group = program.command(command.group).description(about);
      oneLineErrors(group, `${NAME} ${command.group}`);
      groups.set(command.group, group);
    }
    addCommand(group, provider, command, { tools, done });
  }
  program.addHelpText('after', () => {
    const lines = [...groups.values()].flatMap((group) =>
      group.commands.map((c) => `  ${NAME} ${group.name()} ${c.name()} ${c.usage()}`),
    );
    return `\nAll commands (--help on each for its options):\n${lines.join('\n')}\n\n${EXIT_CODES}`;
  });
  return program;
}

/**
 * Runs the CLI on `argv` (the arguments after the program's name), configured from `env` (and a
 * .env file), and returns the exit code.
 */
export async function main(argv: string[], env: Env = process.env): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  }, env);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help asked for, or the version: 0. Help shown because a command is missing, and every usage
      // error (printed by commander as one line): 2.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0
        ? 0
        : 2;
    }
    // Bad usage or input, or a configuration that cannot work (the kit's input/config kinds): 2.
    const badInput =
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof StoreValidationError ||
      error instanceof OrderkitInputError ||
      error instanceof OrderkitConfigError;
    console.error(`error: ${(error as Error).message}`);
    return badInput ? 2 : 3;
  }
}
