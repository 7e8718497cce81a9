/**
 * The orders the D-Store mock knows: a fixed, documented set (README, "Developing against the
 * mocks", D-Store) and a generated order for every id of the form `MOCK-…`, a function of the seed
 * and the id only. Every other id is unknown (F PROCESS_FAIL), as on a real POS endpoint.
 */
import type { FoundOrder } from '@orderkit/dstore';
import { seeded } from '../behaviour.js';

/** Ids with this prefix get a generated order (deterministic in `pnpm mock --seed` and the id). */
export const GENERATED_PREFIX = 'MOCK-';
/** `pds_mock_<status in lower case>`: one fixed order in each status the spec defines. */
export const STATUS_PREFIX = 'pds_mock_';
/** order-desk's demo order (its first start records it), so `pnpm contract dstore`'s default works. */
export const DEMO_ORDER_ID = 'pds_demo_1';

type OrderStatus = FoundOrder['orderStatus'];

/** What the set is built from, all read from the bundled spec the mock serves. */
export interface SpecOrders {
  /** The spec's request example id and its success example. */
  exampleId: string;
  example: FoundOrder;
  statuses: readonly OrderStatus[];
}

interface BundleParts {
  components: {
    examples: Record<string, { value?: unknown }>;
    schemas: Record<string, { enum?: unknown[] }>;
  };
}

/** The example ids and statuses of the bundle; a bundle without them is a broken build, said plainly. */
export function specOrders(doc: unknown): SpecOrders {
  const { examples, schemas } = (doc as BundleParts).components;
  const request = examples.InquireOrderDetailRequest?.value as { requestOrderId?: string } | undefined;
  const success = examples.InquireOrderDetailSuccess?.value as FoundOrder | undefined;
  const statuses = schemas.OrderStatus?.enum as OrderStatus[] | undefined;
  if (!request?.requestOrderId || !success?.posOrderId || !statuses?.length)
    throw new Error(
      'the D-Store bundle lacks the InquireOrderDetailRequest/Success examples or OrderStatus: rebuild it (pnpm --filter @orderkit/spec-dstore bundle)',
    );
  return {
    exampleId: request.requestOrderId,
    example: { posOrderId: success.posOrderId, orderStatus: success.orderStatus },
    statuses,
  };
}

/** The lookup of the mock: the order for `id`, or null for an unknown one. */
export function mockOrders(seed: number, spec: SpecOrders): (id: string) => FoundOrder | null {
  const fixed = new Map<string, FoundOrder>([
    [spec.exampleId, spec.example],
    [DEMO_ORDER_ID, { posOrderId: '2023063000010002', orderStatus: 'ACCEPTED', extendInfo: { tableNo: 'A12' } }],
  ]);
  spec.statuses.forEach((orderStatus, i) => {
    fixed.set(`${STATUS_PREFIX}${orderStatus.toLowerCase()}`, {
      posOrderId: `20230630000200${String(i + 1).padStart(2, '0')}`,
      orderStatus,
    });
  });
  return (id) => {
    const known = fixed.get(id);
    if (known) return known;
    if (!id.startsWith(GENERATED_PREFIX) || id.length === GENERATED_PREFIX.length) return null;
    const random = seeded(seed, id);
    const digits = Array.from({ length: 12 }, () => Math.floor(random() * 10)).join('');
    const orderStatus = spec.statuses[Math.floor(random() * spec.statuses.length)] as OrderStatus;
    const order: FoundOrder = { posOrderId: `2024${digits}`, orderStatus };
    if (random() < 0.5) order.extendInfo = { tableNo: `A${1 + Math.floor(random() * 40)}` };
    return order;
  };
}
