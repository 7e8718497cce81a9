/** WeChat's cards: an order (status names, yuan, dates from @orderkit/wechat) or a failed lookup. */
import {
  centsToYuan,
  errCodeMeaning,
  invoiceStatusMeaning,
  invoiceStatusName,
  orderDates,
  orderStatusMeaning,
  orderStatusName,
  type SchemaOrder,
  WeChatApiError,
} from '@orderkit/wechat';
import { type Card, date, errorCode, errorFields, errorOutcome, replyOf } from '../../cards.js';
import type { Mode } from '../../env.js';

const PROVIDER = 'wechat';

/** Titled by `orderId`, the id asked for; the answer's own id is shown too when it differs. */
export function wechatOrderCard(
  orderId: string,
  order: SchemaOrder,
  latencyMs: number,
  mode: Mode,
  raw: unknown,
): Card {
  const dates = orderDates(order);
  const fields: Card['fields'] = [
    [
      'Status',
      `${orderStatusName(order.status) ?? order.status} — ${orderStatusMeaning(order.status) ?? 'undocumented status'}`,
    ],
    ['Price', { amount: centsToYuan(order.orderPrice), currency: 'CNY' }],
    ['Created', date(dates.createdAt)],
    ['Updated', date(dates.updatedAt)],
    ['Payment requested', date(dates.payAppliedAt)],
    ['Paid', dates.paidAt ? date(dates.paidAt) : 'not paid'],
    [
      'Product',
      `${order.orderProductInfo.spuName ?? '—'} / ${order.orderProductInfo.skuName ?? '—'} × ${order.orderProductInfo.skuCnt ?? '—'}`,
    ],
    ['Valid from', date(dates.validFrom)],
    ['Valid until', date(dates.validUntil)],
  ];
  if (String(order.orderId) !== orderId) fields.splice(1, 0, ['Order id in the answer', String(order.orderId)]);
  if (order.usage) fields.push(['Usage', `${order.usage.used ?? '?'} of ${order.usage.all ?? '?'}`]);
  if (order.invoiceInfo?.invoiceStatus !== undefined) {
    const s = order.invoiceInfo.invoiceStatus;
    fields.push(['Invoice', `${invoiceStatusName(s) ?? s} — ${invoiceStatusMeaning(s) ?? ''}`]);
  }
  return {
    provider: PROVIDER,
    title: `WeChat order ${orderId}`,
    outcome: 'ok',
    code: { value: '0', meaning: 'ok' },
    fields,
    latencyMs,
    mode,
    reply: 'answered',
    raw,
  };
}

export function wechatErrorCard(orderId: string, error: unknown, latencyMs: number, mode: Mode): Card {
  // WeChat's codes are an open set: a code the spec does not know is labelled as such, with WeChat's errmsg.
  const errmsg = error instanceof WeChatApiError ? error.errmsg : '';
  return {
    provider: PROVIDER,
    title: `WeChat order ${orderId}`,
    outcome: errorOutcome(error),
    code: errorCode(
      error,
      'no answer from WeChat',
      (code) => errCodeMeaning(Number(code)) ?? `unknown code: ${errmsg || 'no errmsg'}`,
    ),
    fields: errorFields(error),
    latencyMs,
    mode,
    reply: replyOf(error),
    raw: error instanceof WeChatApiError ? { errcode: error.errcode, errmsg: error.errmsg } : null,
  };
}
