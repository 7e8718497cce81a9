/** The bench's orders, shared by the load generator and the reference servers. */
export const ORDER_COUNT = 100;

/** Order `i` as recorded through POST /api/pos/orders (and held in memory by the reference servers). */
export function benchOrder(i) {
  return {
    requestOrderId: `pds_bench_${String(i).padStart(4, '0')}`,
    posOrderId: `20230630${String(10000 + i).padStart(8, '0')}`,
    orderStatus: 'ACCEPTED',
    extendInfo: { tableNo: `A${i % 40}` },
  };
}

export function benchOrders(count = ORDER_COUNT) {
  return Array.from({ length: count }, (_, i) => benchOrder(i));
}
