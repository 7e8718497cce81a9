/** Opening the order store: the one place the app does, so its options are set once. */
import path from 'node:path';
import { openStore, type Store } from '@orderkit/order-store';
import type { AppConfig } from './config.js';
import { providerIds, providers } from './providers/index.js';
import type { AnyProvider } from './providers/registry.js';

/** The order rules of the provider whose inquiries the store's orders answer (D-Store's, read from its spec). */
const orderRules = (providers as readonly AnyProvider[]).find((p) => p.orderRules)?.orderRules;

export function openAppStore(config: AppConfig, holderName?: string): Promise<Store> {
  return openStore({
    providers: providerIds,
    ...(orderRules ? { orderRules } : {}),
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'store'),
    ...(holderName ? { holderName } : {}),
  });
}
