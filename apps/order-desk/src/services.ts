/**
 * The provider clients and our D-Store endpoint, built once from the configuration and the store,
 * with every inquiry received or made written to the audit log (ids and result codes only).
 */
import { createDStoreClient, createInquireOrderDetailHandler, posBaseUrl, type DStoreClient } from '@orderkit/dstore';
import { createOvoparkClient, type OvoparkClient, type RangeProgress } from '@orderkit/ovopark';
import type { Store } from '@orderkit/order-store';
import { isLoopbackHost } from '@orderkit/core';
import { createWeChatClient, type WeChatClient } from '@orderkit/wechat';
import {
  dstoreCard,
  dstoreErrorCard,
  dstoreResultOf,
  dstoreUnavailableCard,
  ovoparkErrorCard,
  ovoparkTicketsCard,
  wechatErrorCard,
  resultCodeOf,
  wechatOrderCard,
  type Card,
} from './cards.js';
import { dstoreRole, roleNotConfigured, type Config } from './config.js';
import { createInquiryGuard, INQUIRY_TIMEOUT_MS } from './security/outbound.js';

export const DSTORE_PATH = '/v2/pos/inquireOrderDetail';

export interface Services {
  config: Config;
  store: Store;
  /** Our POS endpoint (D-Store calls it). */
  inquireOrderDetail: (request: Request) => Promise<Response>;
  wechatGetOrders(orderIds: string[]): Promise<Card[]>;
  ovoparkSearch(
    input: { depId: number; from: string; to: string },
    onProgress?: (p: RangeProgress) => void,
  ): Promise<Card[]>;
  dstoreInquire(input: { endpoint: string; requestOrderId: string }): Promise<Card[]>;
  /** Whether dstoreInquire may send to this endpoint: our own, or one in DSTORE_INQUIRE_ALLOWED_ENDPOINTS. */
  dstoreInquiryAllowed(endpoint: string): boolean;
}

const since = (start: number) => Math.round(performance.now() - start);

/**
 * NUL and lone UTF-16 surrogates are valid in a JSON string (and so in a requestOrderId D-Store may
 * send) but not in PostgreSQL text/json: no stored order can have such an id, and the audit log
 * could not record it. Found by the hostile-input test: the lookup threw, so D-Store got
 * U/UNKNOWN_EXCEPTION (and would retry forever) instead of F/PROCESS_FAIL, and the audit write failed.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point (PostgreSQL text cannot hold it)
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storable = (id: string) => id.replace(UNSTORABLE, '\uFFFD');
/** Audit writes of received inquiries pending at once beyond which shed ones are not recorded. */
const MAX_PENDING_SHED_AUDITS = 256;

/** anyInquiryEndpoint: the CLI's `dstore inquire --endpoint`, the local user's own tool (see cli.ts). */
export function createServices(config: Config, store: Store, options: { anyInquiryEndpoint?: boolean } = {}): Services {
  const audit = (entry: Parameters<Store['appendAudit']>[0]) =>
    store.appendAudit(entry).catch((error: unknown) => {
      // The audit log must not take an inquiry down with it; say so once per failure.
      console.error(`audit log write failed: ${(error as Error).message}`);
    });

  let pendingInquiryAudits = 0;
  let unrecordedShed = 0;
  let lastShedNotice = 0;
  // Without the endpoint role's keys, D-Store's calls get a 503 naming them (endpointUnavailable).
  const endpointKeys = config.dstore.endpoint;
  const inquireOrderDetail = endpointKeys
    ? createInquireOrderDetailHandler({
        clientId: config.dstore.clientId,
        dstorePublicKey: endpointKeys.dstorePublicKey,
        posPrivateKey: endpointKeys.posPrivateKey,
        ...(config.dstore.rateLimit ? { rateLimit: config.dstore.rateLimit } : {}),
        lookup: async (requestOrderId) => {
          if (storable(requestOrderId) !== requestOrderId) return null;
          const order = await store.getOrder(requestOrderId);
          return (
            order && {
              posOrderId: order.posOrderId,
              orderStatus: order.orderStatus,
              ...(order.extendInfo ? { extendInfo: order.extendInfo } : {}),
            }
          );
        },
        onOutcome: (o) => {
          // Shedding must stay cheap: under a flood, shed inquiries are recorded only while the audit
          // log keeps up (a bounded number of writes pending); the others are counted on stderr.
          if (o.resultCode === 'REQUEST_TRAFFIC_EXCEED_LIMIT' && pendingInquiryAudits >= MAX_PENDING_SHED_AUDITS) {
            unrecordedShed += 1;
            const now = Date.now();
            if (now - lastShedNotice >= 1_000) {
              console.error(
                `audit: ${unrecordedShed} shed inquiries (REQUEST_TRAFFIC_EXCEED_LIMIT) not recorded, the audit log is busy`,
              );
              lastShedNotice = now;
              unrecordedShed = 0;
            }
            return;
          }
          pendingInquiryAudits += 1;
          void audit({
            direction: 'received',
            provider: 'dstore',
            operation: 'inquireOrderDetail',
            ids: o.requestOrderId ? { requestOrderId: storable(o.requestOrderId) } : {},
            resultCode: o.resultCode,
            resultStatus: o.resultStatus,
            latencyMs: o.latencyMs,
          }).finally(() => (pendingInquiryAudits -= 1));
        },
      })
    : endpointUnavailable();

  let wechat: WeChatClient | undefined;
  const wechatClient = () =>
    (wechat ??= createWeChatClient({
      appId: config.wechat.appId,
      appSecret: config.wechat.appSecret,
      baseUrl: config.wechat.baseUrl,
      // Kept per (base URL, AppID, token mode): pointing WECHAT_BASE_URL from the mock to the live
      // service (or back) never reuses the other service's token from the store.
      tokenStore: store.tokens,
    }));

  let ovopark: OvoparkClient | undefined;
  const ovoparkClient = () =>
    (ovopark ??= createOvoparkClient({
      akey: config.ovopark.akey,
      secret: config.ovopark.secret,
      account: config.ovopark.account,
      password: config.ovopark.password,
      aid: config.ovopark.aid,
      passwordEncoding: config.ovopark.passwordEncoding,
      baseUrl: config.ovopark.baseUrl,
    }));

  // Inquiries go to our own endpoint and the configured ones only, with no redirect and a bounded answer.
  const inquiryGuard = createInquiryGuard(
    [`${config.endpoint.url}${DSTORE_PATH}`, ...config.inquire.allowedEndpoints],
    { anyEndpoint: options.anyInquiryEndpoint },
  );
  const dstoreClients = new Map<string, DStoreClient>();
  const dstoreClient = (baseUrl: string) => {
    let client = dstoreClients.get(baseUrl);
    if (!client) {
      const keys = dstoreRole(config, 'client');
      client = createDStoreClient({
        baseUrl,
        clientId: config.dstore.clientId,
        privateKey: keys.dstorePrivateKey,
        posPublicKey: keys.posPublicKey,
        fetch: inquiryGuard.fetch,
        timeoutMs: INQUIRY_TIMEOUT_MS,
      });
      dstoreClients.set(baseUrl, client);
    }
    return client;
  };

  return {
    config,
    store,
    inquireOrderDetail,
    dstoreInquiryAllowed: inquiryGuard.allows,

    async wechatGetOrders(orderIds) {
      const client = wechatClient();
      return Promise.all(
        orderIds.map(async (orderId) => {
          const start = performance.now();
          try {
            const order = await client.getOrder(orderId);
            const latencyMs = since(start);
            void audit({
              direction: 'made',
              provider: 'wechat',
              operation: 'getOrder',
              ids: { orderId },
              resultCode: '0',
              latencyMs,
            });
            return wechatOrderCard(order, latencyMs, config.wechat.mode, { errcode: 0, order });
          } catch (error) {
            const latencyMs = since(start);
            void audit({
              direction: 'made',
              provider: 'wechat',
              operation: 'getOrder',
              ids: { orderId },
              resultCode: resultCodeOf(error),
              latencyMs,
            });
            return wechatErrorCard(orderId, error, latencyMs, config.wechat.mode);
          }
        }),
      );
    },

    async ovoparkSearch({ depId, from, to }, onProgress) {
      const start = performance.now();
      let calls = 0;
      try {
        const tickets = await ovoparkClient().searchPosRange({
          depId,
          from,
          to,
          onProgress: (p) => {
            calls = p.calls;
            onProgress?.(p);
          },
        });
        const latencyMs = since(start);
        void audit({
          direction: 'made',
          provider: 'ovopark',
          operation: 'searchPos',
          ids: { depId: String(depId), from, to },
          resultCode: '0',
          latencyMs,
        });
        return [ovoparkTicketsCard(depId, from, to, tickets, latencyMs, config.ovopark.mode, calls)];
      } catch (error) {
        const latencyMs = since(start);
        void audit({
          direction: 'made',
          provider: 'ovopark',
          operation: 'searchPos',
          ids: { depId: String(depId), from, to },
          resultCode: resultCodeOf(error),
          latencyMs,
        });
        return [ovoparkErrorCard(depId, error, latencyMs, config.ovopark.mode)];
      }
    },

    async dstoreInquire({ endpoint, requestOrderId }) {
      const url = new URL(endpoint);
      const base = posBaseUrl(endpoint);
      const isOurs = url.origin === new URL(config.endpoint.url).origin;
      const mode = isOurs ? 'local' : isLoopbackHost(url.hostname) ? 'mock' : 'live';
      if (!config.dstore.client)
        return [dstoreUnavailableCard(endpoint, requestOrderId, roleNotConfigured('client'), mode)];
      const start = performance.now();
      try {
        const ex = await dstoreClient(base).sendSigned({ body: JSON.stringify({ requestOrderId }) });
        const card = dstoreCard(endpoint, requestOrderId, ex, mode);
        void audit({
          direction: 'made',
          provider: 'dstore',
          operation: 'inquireOrderDetail',
          ids: { requestOrderId: requestOrderId.slice(0, 255) },
          ...dstoreResultOf(ex),
          latencyMs: card.latencyMs,
        });
        return [card];
      } catch (error) {
        const latencyMs = since(start);
        void audit({
          direction: 'made',
          provider: 'dstore',
          operation: 'inquireOrderDetail',
          ids: { requestOrderId: requestOrderId.slice(0, 255) },
          resultCode: resultCodeOf(error),
          latencyMs,
        });
        return [dstoreErrorCard(endpoint, requestOrderId, error, latencyMs, mode)];
      }
    },
  };
}

/**
 * Without DSTORE_PUBLIC_KEY and POS_PRIVATE_KEY this order-desk cannot verify D-Store or sign an
 * answer, so it does not pretend to be a POS endpoint: every call gets 503 and the variables to set.
 */
function endpointUnavailable(): (request: Request) => Promise<Response> {
  const { message } = roleNotConfigured('endpoint');
  return async (request) => {
    await request.body?.cancel().catch(() => undefined);
    return new Response(`${message}\n`, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  };
}
