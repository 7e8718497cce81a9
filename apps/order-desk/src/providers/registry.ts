/**
 * What a provider module is: everything the app knows about one provider lives in
 * `src/providers/<id>/` (and its UI in `public/providers/<id>.js`), described by one
 * `ProviderModule`. The generic code (configuration, services, the two faces, the CLI, the UI shell,
 * `pnpm start`) only iterates the list in `./index.ts`; adding a provider is a folder here, a script
 * in public/providers/ and one entry in that list.
 */
import type { RequestListener } from 'node:http';
import type { Hono } from 'hono';
import type { AuditInput, OrderRules, Store } from '@orderkit/order-store';
import type { Card } from '../cards.js';
import type { AppConfig } from '../config.js';
import type { Env, Mode } from '../env.js';

/** Where `pnpm mock` serves this provider's mock, and the variable that moves it. */
export interface MockPort {
  port: number;
  portVariable: string;
}

/** What every provider module receives when the services are built. */
export interface ProviderContext<C> {
  app: AppConfig;
  config: C;
  store: Store;
  /** Appends to the audit log; never throws (a failed write is reported on stderr). */
  audit(entry: AuditInput): Promise<void>;
  /** The CLI's own run: the local user's tool, not the admin face (see each provider's use). */
  cli: boolean;
}

/** Helpers the admin API routes share (one error shape for bad input: HTTP 400). */
export interface RouteTools {
  /** The request body as a JSON object, or a 400 saying what is wrong. */
  jsonBody(request: Request): Promise<Record<string, unknown>>;
  /** A required, trimmed string of at most `max` characters, or a 400 naming it. */
  text(value: unknown, name: string, max?: number): string;
  /** A 400 with this message. */
  badInput(message: string): Error;
}

/** One positional argument of a CLI command (commander shows it in usage and help, and checks its count). */
export interface CliArgument {
  name: string;
  description: string;
  /** Default true. */
  required?: boolean;
  /** Takes every remaining argument (the last argument only). */
  variadic?: boolean;
}

/** One option of a CLI command, as commander declares it. */
export interface CliOption {
  /** Commander's flags: `--dep-id <id>` (takes a value) or `--force` (a switch). */
  flags: string;
  description: string;
  /** The option must be given (commander refuses without it: exit 2). */
  required?: boolean;
  /** The only values allowed (commander refuses others: exit 2). */
  choices?: readonly string[];
  /** What the option defaults to when left out, for the help (the command applies the default). */
  defaultDescription?: string;
}

/** What a command is run with: its arguments in order (a variadic one spread) and its options. */
export interface CliInput {
  args: string[];
  /** Commander's option values by camel-cased name (`--dep-id` → `depId`); absent when not given. */
  options: Readonly<Record<string, string | boolean | undefined>>;
  /** `--json`: print the typed result as JSON on stdout, and no progress. */
  json: boolean;
  /** `--quiet` (commands that report progress): no progress. */
  quiet: boolean;
}

/**
 * One CLI command: `orderkit <group> <name> …`. Declared, not parsed by hand: the dispatcher
 * (cli.ts) builds a commander command from it, so usage, help, "did you mean" suggestions and
 * usage errors (exit 2) are commander's at every level.
 */
export interface CliCommand<C, S> {
  group: string;
  name: string;
  /** Other names commander accepts for it. */
  aliases?: readonly string[];
  /** One line for the group's list of commands. */
  summary: string;
  /** More text for its `--help`, after the options. */
  details?: string;
  arguments?: readonly CliArgument[];
  options?: readonly CliOption[];
  /** Long work that reports progress on stderr (adds `--quiet`). */
  progress?: boolean;
  /** Runs the command; returns the exit code (errors are mapped by the dispatcher, cli.ts). */
  run(input: CliInput, tools: CliTools<C, S>): Promise<number>;
}

/** One lookup's typed result, beside its card: what was asked, and the client's result or error. */
export interface Lookup<Asked, Result> {
  asked: Asked;
  /** The provider client's result, on success. */
  result?: Result;
  /** What the client threw (an `OrderkitError` for every failure the kit knows), on failure. */
  error?: unknown;
  /** What a failed lookup had found before it stopped (e.g. a search cut short by its call budget). */
  partial?: Result;
  /** HTTP calls made, where the provider counts them (a paged search). */
  calls?: number;
  latencyMs: number;
  mode: Mode | 'local';
}

/** A service's answer to the CLI: the typed lookups, and the cards the UI receives for the same work. */
export interface Looked<Asked, Result> {
  /** The registry id of the provider, and the operation (the spec's operationId or gateway method). */
  provider: string;
  operation: string;
  lookups: Lookup<Asked, Result>[];
  cards: Card[];
}

/** Reports progress on stderr: one updating line on a terminal, plain lines otherwise, none with --json/--quiet. */
export interface Progress {
  update(line: string): void;
  /** Ends the progress (on a terminal, the last line stays). */
  done(): void;
}

export interface CliTools<C, S> {
  /** This provider's configuration (loaded on first use: commands that need none never read it). */
  config(): C;
  app(): AppConfig;
  /** Runs `work` with this provider's service, over the audit log when the store can be opened. */
  withService<T>(work: (service: S) => Promise<T>): Promise<T>;
  /** Bad usage or input: exit 2 with this one line (say what is wrong and how to fix it). */
  usage(message: string): Error;
  /**
   * Prints lookups (the cards for people, the typed results with `--json`) and returns the exit
   * code: 0 all ok, 1 the provider said no, 3 an outcome unknown. A lookup refused before anything
   * was sent (the kit's input or configuration kinds) is bad input: exit 2 with its one line.
   */
  printLookups<A, R>(looked: Looked<A, R>, input: CliInput): number;
  /** The progress reporter for this run (silent with --json or --quiet). */
  progress(input: CliInput): Progress;
  /** Records a POS order through the running app, else in the store. */
  setOrder(order: {
    requestOrderId: string;
    posOrderId: string;
    orderStatus: string;
    extendInfo?: Record<string, unknown>;
  }): Promise<{ via: string; order: unknown }>;
}

/** `C`: the provider's configuration (`config.<id>`); `S`: its service, built once per process. */
export interface ProviderModule<Id extends string = string, C = unknown, S = unknown> {
  readonly id: Id;
  /** Display name, e.g. in the UI and on the start-up lines. */
  readonly name: string;
  /** The operation the UI offers, shown beside the name. */
  readonly operation: string;
  /** Place in the UI's provider list (lowest first, and selected at start). */
  readonly uiRank: number;
  /** The rendered contract: `/docs/<docsPage>` (built by apps/docs from specs/<id>). */
  readonly docsPage: string;
  readonly mock: MockPort;
  /** This provider's configuration from the environment; a ConfigError says what to set. */
  config(env: Env, app: { dataDir: string }): C;
  /** Whether it runs against a mock, a live service, or our own endpoint (`local`). */
  mode(config: C): Mode | 'local';
  /** What `/api/meta` says about it (besides name and mode): never a secret. */
  meta(config: C, app: AppConfig): Record<string, unknown>;
  /** The start-up line (after the name): where it points, never a secret. */
  startupLine(config: C, app: AppConfig): string;
  createService(context: ProviderContext<C>): S;
  /** Admin API routes (`/api/<id>/…`). */
  routes?(app: Hono, service: S, tools: RouteTools, context: ProviderContext<C>): void;
  /** An endpoint this app serves on its public face (the only routes there besides /healthz). */
  publicEndpoint?(service: S): { path: string; listener: RequestListener };
  /** Runs once when the server starts, before it listens (e.g. seed demo data). */
  onStart?(context: ProviderContext<C>): Promise<void>;
  readonly commands?: readonly CliCommand<C, S>[];
  /** What each CLI group of `commands` is about, for `orderkit --help` (default: name and operation). */
  readonly cliGroups?: Readonly<Record<string, string>>;
  /** The rules of the orders this app keeps for the provider's inquiries (the order store's `orderRules`). */
  readonly orderRules?: OrderRules;
}

/** Any provider module, whatever its configuration and service types. */
// biome-ignore lint/suspicious/noExplicitAny: the list holds modules of different C and S
export type AnyProvider = ProviderModule<string, any, any>;

/** Declares a module with its types inferred (and checked against ProviderModule). */
export const defineProvider = <Id extends string, C, S>(module: ProviderModule<Id, C, S>) => module;
