/**
 * WeChat (mini-program orders): getOrder for a set of ids, concurrently, over one access token kept
 * in the store. Configuration: WECHAT_BASE_URL (unset = the mock), WECHAT_APPID, WECHAT_SECRET.
 */
import { createWeChatClient, MOCK_CREDENTIALS, type SchemaOrder, type WeChatClient } from '@orderkit/wechat';
import { type Card, resultCodeOf, since } from '../../cards.js';
import { baseUrl, credential, type Env, type Mode, mockUrl } from '../../env.js';
import { defineProvider, type Lookup, type Looked, type ProviderContext } from '../registry.js';
import { wechatErrorCard, wechatOrderCard } from './cards.js';

const MOCK = { port: 4011, portVariable: 'MOCK_WECHAT_PORT' };
const MAX_IDS = 50;

export interface WeChatConfig {
  appId: string;
  appSecret: string;
  baseUrl: string;
  mode: Mode;
}

export interface WeChatService {
  getOrders(orderIds: string[]): Promise<Card[]>;
  /** The same lookups with each typed result (the order) beside the cards (the CLI's --json). */
  getOrderResults(orderIds: string[]): Promise<Looked<{ orderId: string }, SchemaOrder>>;
}

function config(env: Env): WeChatConfig {
  const { url, mode } = baseUrl(env, 'WECHAT_BASE_URL', mockUrl(env, MOCK));
  return {
    // What the mock accepts (the spec's x-orderkit-mock.credentials); not secrets.
    appId: credential(env, 'WECHAT_APPID', mode, MOCK_CREDENTIALS.appId),
    appSecret: credential(env, 'WECHAT_SECRET', mode, MOCK_CREDENTIALS.appSecret),
    baseUrl: url,
    mode,
  };
}

function createService({ config, store, audit }: ProviderContext<WeChatConfig>): WeChatService {
  let client: WeChatClient | undefined;
  const wechat = () =>
    (client ??= createWeChatClient({
      appId: config.appId,
      appSecret: config.appSecret,
      baseUrl: config.baseUrl,
      // Kept per (base URL, AppID, token mode): pointing WECHAT_BASE_URL from the mock to the live
      // service (or back) never reuses the other service's token from the store.
      tokenStore: store.tokens,
    }));
  const getOrderResults: WeChatService['getOrderResults'] = async (orderIds) => {
    const done = await Promise.all(
      orderIds.map(async (orderId): Promise<[Lookup<{ orderId: string }, SchemaOrder>, Card]> => {
        const start = performance.now();
        const entry = { direction: 'made', provider: 'wechat', operation: 'getOrder', ids: { orderId } } as const;
        const asked = { orderId };
        try {
          const order = await wechat().getOrder(orderId);
          const latencyMs = since(start);
          void audit({ ...entry, resultCode: '0', latencyMs });
          return [
            { asked, result: order, latencyMs, mode: config.mode },
            wechatOrderCard(orderId, order, latencyMs, config.mode, { errcode: 0, order }),
          ];
        } catch (error) {
          const latencyMs = since(start);
          void audit({ ...entry, resultCode: resultCodeOf(error), latencyMs });
          return [
            { asked, error, latencyMs, mode: config.mode },
            wechatErrorCard(orderId, error, latencyMs, config.mode),
          ];
        }
      }),
    );
    return {
      provider: 'wechat',
      operation: 'getOrder',
      lookups: done.map(([lookup]) => lookup),
      cards: done.map(([, card]) => card),
    };
  };
  return { getOrderResults, getOrders: async (orderIds) => (await getOrderResults(orderIds)).cards };
}

export const wechat = defineProvider({
  id: 'wechat',
  name: 'WeChat',
  operation: 'getOrder',
  uiRank: 1,
  docsPage: 'wechat.html',
  mock: MOCK,
  config,
  mode: (c) => c.mode,
  meta: (c) => ({ baseUrl: c.baseUrl }),
  startupLine: (c) => `${c.baseUrl} (${c.mode})`,
  createService,
  routes(app, service, { jsonBody, text, badInput }) {
    app.post('/api/wechat/orders', async (c) => {
      const ids = (await jsonBody(c.req.raw)).orderIds;
      if (!Array.isArray(ids) || ids.length === 0)
        throw badInput('Enter at least one order id (orderIds: a list of WeChat order ids)');
      if (ids.length > MAX_IDS) throw badInput(`at most ${MAX_IDS} order ids at once`);
      const orderIds = ids.map((id, i) => text(id, `orderIds[${i}]`, 128));
      return c.json({ cards: await service.getOrders(orderIds) });
    });
  },
  cliGroups: { wechat: 'WeChat service market: look up orders (getOrder)' },
  commands: [
    {
      group: 'wechat',
      name: 'get-order',
      summary: 'look up orders (getOrder, concurrently, one access_token fetch for all)',
      arguments: [
        { name: 'orderId', variadic: true, description: 'service-market order ids, e.g. DD2981741311549200000' },
      ],
      details: `Example:
  orderkit wechat get-order DD2981741311549200000 DD2981741311549200001`,
      async run(input, { usage, withService, printLookups }) {
        const blank = input.args.findIndex((id) => id.trim() === '');
        if (blank >= 0) throw usage(`orderId ${blank + 1} is empty; give each order id, e.g. DD2981741311549200000`);
        return withService(async (s) => printLookups(await s.getOrderResults(input.args), input));
      },
    },
  ],
});
