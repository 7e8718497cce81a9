/**
 * Ovopark's service: a store's tickets over a time range (searchPos, paged by window), audited. A
 * search that stops part-way (the call budget, a timeout, a gateway error) keeps what it found and
 * says where to continue: the tickets are streamed in as they arrive, and the range reports up to
 * where it is complete.
 */
import {
  type components,
  createOvoparkClient,
  OvoparkBudgetError,
  type OvoparkClient,
  type RangeProgress,
} from '@orderkit/ovopark';
import { type Card, resultCodeOf, since } from '../../cards.js';
import type { Looked, ProviderContext } from '../registry.js';
import { ovoparkErrorCard, ovoparkStoppedCard, ovoparkTicketsCard } from './cards.js';
import type { OvoparkConfig } from './config.js';

type Ticket = components['schemas']['PosTicket'];
export type SearchInput = { depId: number; from: string; to: string };

export interface OvoparkService {
  search(input: SearchInput, onProgress?: (p: RangeProgress) => void): Promise<Card[]>;
  /** The same search with the typed result (the tickets) beside the cards (the CLI's --json). */
  searchResults(input: SearchInput, onProgress?: (p: RangeProgress) => void): Promise<Looked<SearchInput, Ticket[]>>;
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
  const about = { provider: 'ovopark', operation: 'searchPos' } as const;
  const searchResults: OvoparkService['searchResults'] = async (asked, onProgress) => {
    const { depId, from, to } = asked;
    const start = performance.now();
    const entry = {
      direction: 'made',
      provider: 'ovopark',
      operation: 'searchPos',
      ids: { depId: String(depId), from, to },
    } as const;
    let calls = 0;
    let pages = 0;
    let until: string | undefined;
    const found: Ticket[] = [];
    try {
      const tickets = ovopark().streamPosRange({
        depId,
        from,
        to,
        onProgress: (p) => {
          calls = p.calls;
          pages = p.pages;
          onProgress?.(p);
        },
        onCompleteUntil: (u) => {
          until = u;
        },
      });
      for await (const ticket of tickets) found.push(ticket);
      const latencyMs = since(start);
      void audit({ ...entry, resultCode: '0', latencyMs });
      return {
        ...about,
        lookups: [{ asked, result: found, calls, latencyMs, mode: config.mode }],
        cards: [ovoparkTicketsCard(depId, from, to, found, latencyMs, config.mode, calls)],
      };
    } catch (error) {
      const latencyMs = since(start);
      void audit({ ...entry, resultCode: resultCodeOf(error), latencyMs });
      // Stopped after some answers: keep them, and offer to continue from where the range is complete.
      const stopped = pages > 0 || error instanceof OvoparkBudgetError;
      return {
        ...about,
        lookups: [{ asked, error, ...(stopped ? { partial: found } : {}), calls, latencyMs, mode: config.mode }],
        cards: [
          stopped
            ? ovoparkStoppedCard({ depId, from, to }, found, until ?? from, error, latencyMs, config.mode, calls)
            : ovoparkErrorCard(depId, error, latencyMs, config.mode),
        ],
      };
    }
  };
  return {
    searchResults,
    search: async (input, onProgress) => (await searchResults(input, onProgress)).cards,
  };
}
