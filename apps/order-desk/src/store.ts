/** Opening the order store: the one place the app does, so its options are set once. */
import path from 'node:path';
import { openStore, type Store } from '@orderkit/order-store';
import type { AppConfig } from './config.js';

export function openAppStore(config: AppConfig, holderName?: string): Promise<Store> {
  // TODO(issue 10): pass `providers: providerIds` once openStore takes the provider list (branch reg-pkgs).
  return openStore({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'store'),
    ...(holderName ? { holderName } : {}),
  });
}
