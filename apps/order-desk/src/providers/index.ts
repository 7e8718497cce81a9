/**
 * The provider registry: the one list of the providers this app talks to. Everything else iterates
 * it; a new provider is a module in `./<id>/` (see ./registry.ts), a script in
 * `public/providers/<id>.js`, and an entry here.
 */
import { dstore } from './dstore/index.js';
import { ovopark } from './ovopark/index.js';
import { wechat } from './wechat/index.js';

export const providers = [dstore, wechat, ovopark] as const;

export type Providers = typeof providers;
export type ProviderId = Providers[number]['id'];

/** Each provider's configuration under its id (`config.dstore`, …), typed by its module. */
export type ProviderConfigs = { [P in Providers[number] as P['id']]: ReturnType<P['config']> };

export const providerIds: readonly ProviderId[] = providers.map((p) => p.id);

/** Where the mocks listen by default and the variable moving each (`pnpm start`, `pnpm mock`). */
export const mockPorts = providers.map((p) => ({ id: p.id, name: p.name, ...p.mock }));
