/**
 * D-Store's cards, from the typed client's results: the order of an `S` answer, the `F`/`U` answer
 * (DStoreBusinessError, DStoreUnknownError), an answer that cannot be trusted (its signature does not
 * verify: outcome unknown, whatever it claims), or no usable answer. Code and status meanings come
 * from the spec. The raw exchange, when one came back, is shown as received and never trusted.
 */
import {
  type components,
  DStoreBusinessError,
  DStoreProtocolError,
  DStoreSignatureError,
  DStoreUnknownError,
  type InquiredOrder,
  spec,
} from '@orderkit/dstore';
import { type Card, errorCode, errorFields, errorOutcome, replyOf, resultCodeOf } from '../../cards.js';

type ResultCode = components['schemas']['ResultCode'];
const PROVIDER = 'dstore';
const meanings = (schema: 'ResultCode' | 'OrderStatus') =>
  (spec.components.schemas[schema] as { 'x-enumDescriptions': Record<string, string> })['x-enumDescriptions'];
const resultMeanings = meanings('ResultCode');
const statusMeanings = meanings('OrderStatus');
const VERIFIED = 'verified with the POS public key';

/** What came back on the wire, for display only (the typed result decides everything else). */
export interface Exchange {
  status: number;
  headers: Record<string, string>;
  text: string;
}

const clipId = (id: string) => (id.length > 60 ? `${id.slice(0, 60)}…` : id);
const rawOf = (ex: Exchange | undefined) => {
  if (!ex) return null;
  let body: unknown = ex.text;
  try {
    body = JSON.parse(ex.text);
  } catch {
    // Shown as the text received.
  }
  return { status: ex.status, headers: ex.headers, body };
};

/** What an inquiry's result means for the audit log, from the typed result or error. */
export function auditResultOf(error?: unknown): { resultCode: string; resultStatus?: string } {
  if (error === undefined) return { resultCode: 'SUCCESS', resultStatus: 'S' };
  if (error instanceof DStoreUnknownError) return { resultCode: error.resultCode, resultStatus: 'U' };
  if (error instanceof DStoreBusinessError) return { resultCode: error.resultCode, resultStatus: 'F' };
  // An unverifiable answer's claimed result is not recorded.
  if (error instanceof DStoreSignatureError) return { resultCode: 'UNTRUSTED' };
  const status = error instanceof DStoreProtocolError ? error.details.status : undefined;
  if (status !== undefined && status !== 200) return { resultCode: `HTTP ${status}` };
  return { resultCode: resultCodeOf(error) };
}

export function dstoreOrderCard(
  endpoint: string,
  requestOrderId: string,
  order: InquiredOrder,
  latencyMs: number,
  mode: Card['mode'],
  exchange?: Exchange,
): Card {
  const fields: Card['fields'] = [
    ['Endpoint', endpoint],
    ['Response signature', VERIFIED],
    ['HTTP status', exchange?.status ?? 200],
    ['POS order id', order.posOrderId],
    ['Order status', `${order.orderStatus} — ${statusMeanings[order.orderStatus] ?? ''}`],
  ];
  if (order.extendInfo) fields.push(['Extend info', JSON.stringify(order.extendInfo)]);
  return {
    provider: PROVIDER,
    title: `D-Store inquiry ${clipId(requestOrderId)}`,
    outcome: 'ok',
    code: { value: 'S SUCCESS', meaning: resultMeanings.SUCCESS ?? '' },
    fields,
    latencyMs,
    mode,
    reply: 'answered',
    raw: rawOf(exchange),
  };
}

/** Playing D-Store is not configured: one card naming the variables to set, nothing sent. */
export function dstoreUnavailableCard(
  endpoint: string,
  requestOrderId: string,
  error: Error,
  mode: Card['mode'],
): Card {
  return {
    provider: PROVIDER,
    title: `D-Store inquiry ${clipId(requestOrderId)}: not configured`,
    outcome: 'fail',
    code: { value: 'NOT CONFIGURED', meaning: 'this order-desk has no keys to play D-Store' },
    fields: [
      ['Endpoint', endpoint],
      ['Problem', error.message],
    ],
    latencyMs: 0,
    mode,
    reply: 'not sent',
    raw: null,
  };
}

/** The claim of an answer that cannot be trusted: shown as a claim, never used. */
function claimedResult(ex: Exchange | undefined): string {
  const claim = (rawOf(ex)?.body as { result?: { resultStatus?: unknown; resultCode?: unknown } } | undefined)?.result;
  return typeof claim?.resultCode === 'string' ? `${String(claim.resultStatus)} ${claim.resultCode}` : 'no result';
}

export function dstoreErrorCard(
  endpoint: string,
  requestOrderId: string,
  error: unknown,
  latencyMs: number,
  mode: Card['mode'],
  exchange?: Exchange,
): Card {
  const base = { provider: PROVIDER, latencyMs, mode, reply: replyOf(error), raw: rawOf(exchange) };
  if (error instanceof DStoreBusinessError || error instanceof DStoreUnknownError) {
    // A verified answer: its result is the POS provider's word.
    const letter = error instanceof DStoreUnknownError ? 'U' : 'F';
    const code = error.resultCode as ResultCode;
    const fields: Card['fields'] = [
      ['Endpoint', endpoint],
      ['Response signature', VERIFIED],
      ['HTTP status', exchange?.status ?? 200],
    ];
    if (error.resultMessage) fields.push(['Message', error.resultMessage]);
    fields.push(['Retry', error.retryable ? 'may help (the provider says so)' : 'will not help as is']);
    return {
      ...base,
      title: `D-Store inquiry ${clipId(requestOrderId)}`,
      outcome: errorOutcome(error),
      code: { value: `${letter} ${code}`, meaning: resultMeanings[code] ?? error.hint ?? '' },
      fields,
    };
  }
  if (error instanceof DStoreSignatureError) {
    // Anyone on the path could have written this body: its claimed result is shown as a claim only.
    const present = exchange?.headers.signature !== undefined;
    return {
      ...base,
      title: `D-Store inquiry ${clipId(requestOrderId)}: untrusted answer`,
      outcome: 'unknown',
      code: {
        value: 'UNTRUSTED',
        meaning: `the answer's signature ${present ? 'does not verify with the POS public key' : 'is missing'}: outcome unknown, whatever the body claims`,
      },
      fields: [
        ['Endpoint', endpoint],
        ['Response signature', present ? 'DOES NOT VERIFY' : 'missing'],
        ['HTTP status', exchange?.status ?? 200],
        ['Claimed result (untrusted)', claimedResult(exchange)],
        ...errorFields(error),
      ],
    };
  }
  const status = error instanceof DStoreProtocolError ? error.details.status : undefined;
  return {
    ...base,
    title: `D-Store inquiry ${clipId(requestOrderId)}`,
    outcome: errorOutcome(error),
    code:
      status !== undefined && status !== 200
        ? { value: `HTTP ${status}`, meaning: 'not a D-Store answer' }
        : errorCode(error, 'no answer from the POS endpoint', (c) => resultMeanings[c]),
    fields: [['Endpoint', endpoint], ...errorFields(error)],
  };
}
