/**
 * `pnpm cli pos set-order`'s write: through the running app's API when one holds the embedded
 * store, else into the store directly.
 */
import { StoreLockedError } from '@orderkit/order-store';
import type { AppConfig } from '../config.js';
import { openAppStore } from '../store.js';
import { UsageError } from './output.js';

/** The running app's admin face asks for ORDER_DESK_ADMIN_TOKEN when it has one: send it when we do. */
const adminAuthorization = (config: AppConfig): Record<string, string> =>
  config.admin.token ? { authorization: `Bearer ${config.admin.token}` } : {};

export async function setOrder(
  config: AppConfig,
  order: { requestOrderId: string; posOrderId: string; orderStatus: string; extendInfo?: Record<string, unknown> },
) {
  // With the embedded store, write through the running app if there is one.
  if (!config.databaseUrl) {
    try {
      const res = await fetch(`${config.publicUrl}/api/pos/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...adminAuthorization(config) },
        body: JSON.stringify(order),
        signal: AbortSignal.timeout(5_000),
      });
      if (res.status === 401 || res.status === 403 || res.status === 415) {
        // The admin face's refusals are one plain line (security/refuse.ts), not JSON.
        const line = (await res.text()).trim();
        throw new Error(
          `order-desk at ${config.publicUrl} refused the write: ${line}${res.status === 401 ? " — set ORDER_DESK_ADMIN_TOKEN to the running app's token" : ''}`,
        );
      }
      const body = (await res.json()) as { order?: unknown; error?: string };
      if (res.status === 400) throw new UsageError(body.error ?? 'invalid order');
      if (!res.ok)
        throw new Error(`order-desk at ${config.publicUrl} answered HTTP ${res.status}: ${body.error ?? ''}`);
      return { via: `order-desk at ${config.publicUrl}`, order: body.order };
    } catch (error) {
      // No app answering (refused, unreachable, timed out): fall back to the store, whose lock
      // still refuses if an app holds it.
      const unreachable = error instanceof TypeError || (error as Error).name === 'TimeoutError';
      if (!unreachable) throw error;
    }
  }
  let store;
  try {
    store = await openAppStore(config, 'order-desk cli');
  } catch (error) {
    if (error instanceof StoreLockedError) {
      throw new Error(
        `${error.message} — and its API at ${config.publicUrl} did not answer; set ORDER_DESK_PUBLIC_URL or PORT to reach it`,
      );
    }
    throw error;
  }
  try {
    return { via: store.description, order: await store.upsertOrder(order as never) };
  } finally {
    await store.close();
  }
}
