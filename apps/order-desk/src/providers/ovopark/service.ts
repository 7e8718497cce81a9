/** Ovopark's service: a store's tickets over a time range (searchPos, paged by window), audited. */
import { createOvoparkClient, type OvoparkClient, type RangeProgress } from '@orderkit/ovopark';
import { type Card, resultCodeOf, since } from '../../cards.js';
import type { ProviderContext } from '../registry.js';
import { ovoparkErrorCard, ovoparkTicketsCard } from './cards.js';
import type { OvoparkConfig } from './config.js';

export interface OvoparkService {
  search(input: { depId: number; from: string; to: string }, onProgress?: (p: RangeProgress) => void): Promise<Card[]>;
}

export function createOvoparkService({ config, audit }: ProviderContext<OvoparkConfig>): OvoparkService {
  let client: OvoparkClient | undefined;
  const ovopark = () =>
    (client ??= createOvoparkClient({
      akey: config.akey,
      secret: config.secret,
      account: config.account,
      password: config.password,
      aid: config.aid,
      passwordEncoding: config.passwordEncoding,
      baseUrl: config.baseUrl,
    }));
  return {
    async search({ depId, from, to }, onProgress) {
      const start = performance.now();
      const entry = {
        direction: 'made',
        provider: 'ovopark',
        operation: 'searchPos',
        ids: { depId: String(depId), from, to },
      } as const;
      let calls = 0;
      try {
        const tickets = await ovopark().searchPosRange({
          depId,
          from,
          to,
          onProgress: (p) => {
            calls = p.calls;
            onProgress?.(p);
          },
        });
        const latencyMs = since(start);
        void audit({ ...entry, resultCode: '0', latencyMs });
        return [ovoparkTicketsCard(depId, from, to, tickets, latencyMs, config.mode, calls)];
      } catch (error) {
        const latencyMs = since(start);
        void audit({ ...entry, resultCode: resultCodeOf(error), latencyMs });
        return [ovoparkErrorCard(depId, error, latencyMs, config.mode)];
      }
    },
  };
}
