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

/** One CLI command: `pnpm cli <group> <name> …`. */
export interface CliCommand<C, S> {
  group: string;
  name: string;
  /** One line for the overview: arguments and what it does. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  /** Runs the command; returns the exit code (errors are mapped by the dispatcher, cli.ts). */
  run(args: string[], tools: CliTools<C, S>): Promise<number>;
}

export interface CliTools<C, S> {
  /** This provider's configuration (loaded on first use: commands that need none never read it). */
  config(): C;
  app(): AppConfig;
  /** Runs `work` with this provider's service, over the audit log when the store can be opened. */
  withService<T>(work: (service: S) => Promise<T>): Promise<T>;
  /** Parses options (plus --json and --help); a parse error is a usage error (exit 2). */
  parse(
    args: string[],
    options: Record<string, { type: 'string' | 'boolean'; short?: string }>,
  ): { values: Record<string, string | boolean | undefined>; positionals: string[] };
  /** Bad usage or input: exit 2 with this one line. */
  usage(message: string): Error;
  /** Prints cards (or `{ cards }` as JSON) and returns their exit code. */
  printCards(cards: Card[], json: boolean): number;
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
  /** The rules of the orders this app keeps for the provider's inquiries (the order store's `orderRules`). */
  readonly orderRules?: OrderRules;
}

/** Any provider module, whatever its configuration and service types. */
// biome-ignore lint/suspicious/noExplicitAny: the list holds modules of different C and S
export type AnyProvider = ProviderModule<string, any, any>;

/** Declares a module with its types inferred (and checked against ProviderModule). */
export const defineProvider = <Id extends string, C, S>(module: ProviderModule<Id, C, S>) => module;
