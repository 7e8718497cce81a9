/**
 * Result cards: what the UI and the CLI show for one lookup. Status names, code meanings and units
 * come from the provider packages (and through them from the specs), never from a copy here.
 */
import { spec as dstoreSpec, type components as DStore, type SignedExchange } from '@orderkit/dstore';
import { describeCode, type components as Ovopark } from '@orderkit/ovopark';
import {
  centsToYuan,
  errCodeMeaning,
  invoiceStatusMeaning,
  invoiceStatusName,
  orderDates,
  orderStatusMeaning,
  orderStatusName,
  WeChatApiError,
  type SchemaOrder,
} from '@orderkit/wechat';
import { OrderkitError, OrderkitProviderError } from '@orderkit/core';
import type { Mode } from './config.js';

export type FieldValue = string | number | { date: string } | { amount: string; currency: string };
export type Outcome = 'ok' | 'fail' | 'unknown';

export interface Card {
  provider: 'dstore' | 'wechat' | 'ovopark';
  title: string;
  outcome: Outcome;
  /** The provider's own result or error code, with its meaning from the spec. */
  code: { value: string; meaning: string } | null;
  fields: Array<[string, FieldValue]>;
  table?: { columns: string[]; rows: FieldValue[][] };
  latencyMs: number;
  /** `local`: our own endpoint (neither a mock nor a provider's live service). */
  mode: Mode | 'local';
  raw: unknown;
}

const date = (d: Date | undefined): FieldValue => (d ? { date: d.toISOString() } : '—');

/** Exit code of a set of cards: 0 all ok, 1 a provider failure, 3 an unknown outcome. */
export function exitCodeOf(cards: Card[]): 0 | 1 | 3 {
  if (cards.some((c) => c.outcome === 'unknown')) return 3;
  return cards.some((c) => c.outcome === 'fail') ? 1 : 0;
}

/** Unknown outcome: nobody can say whether the provider acted, as the error itself says (`outcome`). */
const isUnknown = (error: unknown): boolean => error instanceof OrderkitError && error.outcome === 'unknown';

/** The provider's own code of a failure it reported, else the error's name: what the audit log records. */
export function resultCodeOf(error: unknown): string {
  if (error instanceof OrderkitProviderError) return error.code;
  return error instanceof Error ? error.name : 'Error';
}

// WeChat ---------------------------------------------------------------------------------------

export function wechatOrderCard(order: SchemaOrder, latencyMs: number, mode: Mode, raw: unknown): Card {
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
  if (order.usage) fields.push(['Usage', `${order.usage.used ?? '?'} of ${order.usage.all ?? '?'}`]);
  if (order.invoiceInfo?.invoiceStatus !== undefined) {
    const s = order.invoiceInfo.invoiceStatus;
    fields.push(['Invoice', `${invoiceStatusName(s) ?? s} — ${invoiceStatusMeaning(s) ?? ''}`]);
  }
  return {
    provider: 'wechat',
    title: `WeChat order ${order.orderId}`,
    outcome: 'ok',
    code: { value: '0', meaning: 'ok' },
    fields,
    latencyMs,
    mode,
    raw,
  };
}

export function wechatErrorCard(orderId: string, error: unknown, latencyMs: number, mode: Mode): Card {
  const api = error instanceof WeChatApiError ? error : undefined;
  return {
    provider: 'wechat',
    title: `WeChat order ${orderId}`,
    outcome: isUnknown(error) ? 'unknown' : 'fail',
    // WeChat's codes are an open set: a code the spec does not know is labelled as such, with WeChat's errmsg.
    code: api
      ? {
          value: String(api.errcode),
          meaning: errCodeMeaning(api.errcode) ?? `unknown code: ${api.errmsg || 'no errmsg'}`,
        }
      : { value: (error as Error).name, meaning: 'no answer from WeChat' },
    fields: [['Problem', (error as Error).message]],
    latencyMs,
    mode,
    raw: api ? { errcode: api.errcode, errmsg: api.errmsg } : null,
  };
}

// Ovopark --------------------------------------------------------------------------------------

type Ticket = Ovopark['schemas']['PosTicket'];

export function ovoparkTicketsCard(
  depId: number,
  from: string,
  to: string,
  tickets: Ticket[],
  latencyMs: number,
  mode: Mode,
  calls: number,
): Card {
  return {
    provider: 'ovopark',
    title: `Ovopark store ${depId}: ${tickets.length} ticket${tickets.length === 1 ? '' : 's'}`,
    outcome: 'ok',
    code: { value: '0', meaning: describeCode('0')?.meaning ?? 'SUCCESS' },
    fields: [
      ['Range', `${from} → ${to} (Asia/Shanghai)`],
      ['searchPos calls', calls],
    ],
    table: {
      columns: ['Ticket', 'Time (Asia/Shanghai)', 'Till', 'Cashier', 'Total', 'Paid'],
      rows: tickets.map((t) => [
        t.ticketId,
        t.ticketTime ?? '—',
        t.machineId ?? '—',
        t.cashierName ?? '—',
        t.totalAmount === undefined ? '—' : { amount: t.totalAmount.toFixed(2), currency: 'CNY' },
        t.payAmount === undefined ? '—' : { amount: t.payAmount.toFixed(2), currency: 'CNY' },
      ]),
    },
    latencyMs,
    mode,
    raw: tickets,
  };
}

export function ovoparkErrorCard(depId: number, error: unknown, latencyMs: number, mode: Mode): Card {
  const code = error instanceof OrderkitProviderError && error.provider === 'ovopark' ? error.code : undefined;
  const info = code === undefined ? undefined : describeCode(String(code));
  return {
    provider: 'ovopark',
    title: `Ovopark store ${depId}`,
    outcome: isUnknown(error) ? 'unknown' : 'fail',
    code:
      code === undefined
        ? { value: (error as Error).name, meaning: 'no gateway answer' }
        : { value: String(code), meaning: info?.meaning ?? 'undocumented code' },
    fields: [['Problem', (error as Error).message]],
    latencyMs,
    mode,
    raw: null,
  };
}

// D-Store --------------------------------------------------------------------------------------

type ResultCode = DStore['schemas']['ResultCode'];
const resultMeanings = (dstoreSpec.components.schemas.ResultCode as { 'x-enumDescriptions': Record<string, string> })[
  'x-enumDescriptions'
];
const statusMeanings = (dstoreSpec.components.schemas.OrderStatus as { 'x-enumDescriptions': Record<string, string> })[
  'x-enumDescriptions'
];

type DStoreBody = Partial<DStore['schemas']['InquireOrderDetailSuccess']> & {
  result?: { resultStatus?: string; resultCode?: ResultCode; resultMessage?: string };
};
const dstoreBody = (ex: SignedExchange): DStoreBody | undefined =>
  ex.body.kind === 'json' ? (ex.body.value as DStoreBody) : undefined;

/**
 * What an exchange means for the audit log: the verified answer's `resultStatus`/`resultCode`;
 * `UNTRUSTED` for an answer whose signature does not verify (its claimed result is not recorded);
 * `HTTP <status>` when no result came back.
 */
export function dstoreResultOf(ex: SignedExchange): { resultCode: string; resultStatus?: string } {
  const result = dstoreBody(ex)?.result;
  if (!ex.signature.verified && ex.status === 200) return { resultCode: 'UNTRUSTED' };
  if (ex.signature.verified && result?.resultCode) {
    return result.resultStatus
      ? { resultCode: result.resultCode, resultStatus: result.resultStatus }
      : { resultCode: result.resultCode };
  }
  return { resultCode: `HTTP ${ex.status}` };
}

export function dstoreCard(endpoint: string, requestOrderId: string, ex: SignedExchange, mode: Card['mode']): Card {
  const body = dstoreBody(ex);
  const result = body?.result;
  const verified = ex.signature.verified
    ? 'verified with the POS public key'
    : ex.signature.present
      ? 'DOES NOT VERIFY'
      : 'missing';
  // What every D-Store card shows of the exchange, trusted or not.
  const exchange = {
    latencyMs: Math.round(ex.latencyMs),
    mode,
    raw: {
      status: ex.status,
      headers: Object.fromEntries(ex.headers),
      body: ex.body.kind === 'json' ? ex.body.value : ex.text,
    },
  };
  const fields: Card['fields'] = [
    ['Endpoint', endpoint],
    ['Response signature', verified],
    ['HTTP status', ex.status],
  ];
  if (!ex.signature.verified && ex.status === 200) {
    // Anyone on the path could have written this body: its claimed result is shown as a claim only.
    const claimed = result?.resultCode ? `${result.resultStatus} ${result.resultCode}` : 'no result';
    fields.push(['Claimed result (untrusted)', claimed]);
    return {
      provider: 'dstore',
      title: `D-Store inquiry ${clipId(requestOrderId)}: untrusted answer`,
      outcome: 'unknown',
      code: {
        value: 'UNTRUSTED',
        meaning: `the answer's signature ${ex.signature.present ? 'does not verify with the POS public key' : 'is missing'}: outcome unknown, whatever the body claims`,
      },
      fields,
      ...exchange,
    };
  }
  if (result?.resultMessage) fields.push(['Message', result.resultMessage]);
  if (body?.posOrderId) fields.push(['POS order id', body.posOrderId]);
  if (body?.orderStatus)
    fields.push(['Order status', `${body.orderStatus} — ${statusMeanings[body.orderStatus] ?? ''}`]);
  if (body?.extendInfo) fields.push(['Extend info', JSON.stringify(body.extendInfo)]);
  const outcome: Outcome =
    !ex.signature.verified || !result
      ? 'fail'
      : result.resultStatus === 'S'
        ? 'ok'
        : result.resultStatus === 'U'
          ? 'unknown'
          : 'fail';
  return {
    provider: 'dstore',
    title: `D-Store inquiry ${clipId(requestOrderId)}`,
    outcome,
    code: result?.resultCode
      ? { value: `${result.resultStatus} ${result.resultCode}`, meaning: resultMeanings[result.resultCode] ?? '' }
      : { value: `HTTP ${ex.status}`, meaning: 'not a D-Store answer' },
    fields,
    ...exchange,
  };
}

const clipId = (id: string) => (id.length > 60 ? `${id.slice(0, 60)}…` : id);

/** Playing D-Store is not configured: one card naming the variables to set, nothing sent. */
export function dstoreUnavailableCard(
  endpoint: string,
  requestOrderId: string,
  error: Error,
  mode: Card['mode'],
): Card {
  return {
    provider: 'dstore',
    title: `D-Store inquiry ${clipId(requestOrderId)}: not configured`,
    outcome: 'fail',
    code: { value: 'NOT CONFIGURED', meaning: 'this order-desk has no keys to play D-Store' },
    fields: [
      ['Endpoint', endpoint],
      ['Problem', error.message],
    ],
    latencyMs: 0,
    mode,
    raw: null,
  };
}

export function dstoreErrorCard(
  endpoint: string,
  requestOrderId: string,
  error: unknown,
  latencyMs: number,
  mode: Card['mode'],
): Card {
  return {
    provider: 'dstore',
    title: `D-Store inquiry ${requestOrderId}`,
    outcome: isUnknown(error) ? 'unknown' : 'fail',
    code:
      error instanceof OrderkitProviderError
        ? { value: error.code, meaning: error.hint ?? '' }
        : { value: (error as Error).name, meaning: 'no answer from the POS endpoint' },
    fields: [
      ['Endpoint', endpoint],
      ['Problem', (error as Error).message],
    ],
    latencyMs,
    mode,
    raw: null,
  };
}
