/**
 * The providers' services, built once from the configuration and the store: one per registry
 * entry, each given its own configuration and an audit log writer that never takes a call down.
 */
import type { AuditInput, Store } from '@orderkit/order-store';
import type { Config } from './config.js';
import { providers } from './providers/index.js';
import type { AnyProvider, ProviderContext } from './providers/registry.js';

export interface ProviderEntry {
  module: AnyProvider;
  service: unknown;
  context: ProviderContext<unknown>;
}

export interface Services {
  config: Config;
  store: Store;
  /** In registry order. */
  providers: readonly ProviderEntry[];
}

/** `cli`: the CLI's own run, the local user's tool (each provider decides what that allows). */
export function createServices(config: Config, store: Store, options: { cli?: boolean } = {}): Services {
  const audit = (entry: AuditInput) =>
    store.appendAudit(entry).then(
      () => undefined,
      (error: unknown) => {
        // The audit log must not take a call down with it; say so once per failure.
        console.error(`audit log write failed: ${(error as Error).message}`);
      },
    );
  return {
    config,
    store,
    providers: providers.map((module: AnyProvider) => {
      const context: ProviderContext<unknown> = {
        app: config,
        config: (config as unknown as Record<string, unknown>)[module.id],
        store,
        audit,
        cli: options.cli ?? false,
      };
      return { module, service: module.createService(context), context };
    }),
  };
}
