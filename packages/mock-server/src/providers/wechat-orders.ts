/**
 * The WeChat mock's orders: the spec's named getOrder examples are fixtures (each answers for its
 * own `orderId`), and any other id gets an order generated from the seed and the id — the same
 * seed and id give the same order on every run and machine, and the order carries the id asked for.
 */
import { seeded } from '../behaviour.js';

const ORDER_PATH = '/wxa/charge/service-provider/order/get';

export type OrderAnswer = { errcode: 0; errmsg: 'ok'; order: Record<string, unknown> };

export interface Fixture {
  /** The example's name in the spec, e.g. `refunded`. */
  name: string;
  answer: OrderAnswer;
}

type Doc = Record<string, unknown>;
type Examples = Record<string, unknown>;

/** The getOrder success examples of the bundle, by the `orderId` of their order. */
export function orderFixtures(doc: Doc): Map<string, Fixture> {
  const at = (...keys: string[]) => keys.reduce<unknown>((node, key) => resolve(doc, node)?.[key], doc);
  const examples = (at('paths', ORDER_PATH, 'get', 'responses', '200', 'content', 'application/json', 'examples') ??
    {}) as Examples;
  const fixtures = new Map<string, Fixture>();
  for (const [name, entry] of Object.entries(examples)) {
    const value = resolve(doc, entry)?.value as OrderAnswer | undefined;
    const orderId = value?.order?.orderId;
    if (value?.errcode === 0 && typeof orderId === 'string') fixtures.set(orderId, { name, answer: value });
  }
  return fixtures;
}

/** `node`, or what its local `$ref` (`#/a/b`) points at, as an object. */
function resolve(doc: Doc, node: unknown): Record<string, unknown> | undefined {
  const ref = (node as { $ref?: unknown } | null)?.$ref;
  const target =
    typeof ref === 'string' && ref.startsWith('#/')
      ? ref
          .slice(2)
          .split('/')
          .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
          .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], doc)
      : node;
  return target !== null && typeof target === 'object' ? (target as Record<string, unknown>) : undefined;
}

const STATUSES = [1, 2, 3, 5, 6, 7, 9] as const;
/** Statuses of an order that was paid (it has `finishPayTime`). */
const PAID = new Set([2, 5, 6, 7]);
/** Statuses that show the resource pack's use (a refunded pack has none left to show). */
const WITH_USAGE = new Set([2, 5, 7]);
const PRICES = ['990', '9900', '19900', '29900', '99900'];
const PRODUCTS = [
  { spuName: 'Resource pack', skuName: '10,000 calls', all: 10_000 },
  { spuName: 'Resource pack', skuName: '100,000 calls', all: 100_000 },
  { spuName: 'SMS pack', skuName: '1,000 messages', all: 1_000 },
] as const;
const DAY_S = 86_400;
/** 2023-01-01T00:00:00Z: generated orders are created within two years of it. */
const EPOCH_S = 1_672_531_200;

/** A spec-valid order for `orderId`, a function of `seed` and the id only. */
export function generatedOrder(seed: number, orderId: string): OrderAnswer {
  const r = seeded(seed, `order:${orderId}`);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const status = pick(STATUSES);
  const productIndex = int(PRODUCTS.length);
  const product = PRODUCTS[productIndex] as (typeof PRODUCTS)[number];
  const skuCnt = 1 + int(3);
  const createS = EPOCH_S + int(2 * 365 * DAY_S);
  const createTime = createS * 1000 + int(1000);
  const applyPayTime = createS + 5 + int(60);
  const paid = PAID.has(status);
  const finishPayTime = paid ? applyPayTime + 10 + int(300) : undefined;
  const updateTime = status === 1 ? createTime : createTime + 1000 + int(7 * DAY_S * 1000);
  const validityBeginTime = finishPayTime ?? applyPayTime;
  const all = product.all * skuCnt;
  const order: Record<string, unknown> = {
    orderId,
    status,
    createTime,
    updateTime,
    orderPrice: String(Number(pick(PRICES)) * skuCnt),
    payInfo: finishPayTime === undefined ? { applyPayTime } : { applyPayTime, finishPayTime },
    orderProductInfo: {
      spSpuId: `spu_${10_001 + productIndex}`,
      spSkuId: `sku_${20_001 + productIndex}`,
      spBizId: 1,
      spuName: product.spuName,
      skuName: product.skuName,
      skuCnt,
      validityBeginTime,
      validityEndTime: validityBeginTime + 365 * DAY_S,
    },
  };
  if (finishPayTime !== undefined && r() < 0.4) {
    order.invoiceInfo = {
      invoiceApplyTime: finishPayTime + int(3 * DAY_S),
      invoiceStatus: status === 6 ? 3 : pick([1, 2, 4]),
    };
  }
  if (WITH_USAGE.has(status)) order.usage = { used: String(int(all + 1)), all: String(all) };
  return { errcode: 0, errmsg: 'ok', order };
}
