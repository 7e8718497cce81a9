/**
 * Reading the gateway's answer: the envelope by content (the status and Content-Type prove
 * nothing), and every `stat.code` other than success turned into the error that says what to do
 * about it.
 */
import { excerpt, parseBody } from '@orderkit/core';
import { canonicalCode, describeCode, isBusinessCode, SIGN_WRONG_CODE } from './codes.js';
import {
  OvoparkBusinessError,
  OvoparkGatewayError,
  OvoparkProtocolError,
  OvoparkSignatureError,
  type OvoparkApiError,
} from './errors.js';

/** The envelope, and its `stat.code` by value: `'7'` whether the gateway sent `"7"` or `7`. */
export interface Answer {
  code: string;
  codename: string | undefined;
  cid: string | undefined;
  result: string | undefined;
  body: Record<string, unknown> & { stat: Record<string, unknown> };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const optionalString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function readAnswer(
  text: string | undefined,
  status: number,
  method: string,
  scrub: (text: string) => string,
): Answer {
  const parsed = parseBody(text ?? '');
  const fail = (what: string): never => {
    throw new OvoparkProtocolError(
      `${method}: ${what} (HTTP ${status}). The gateway always answers a JSON envelope with stat.code; ` +
        `check baseUrl (a proxy or a wrong host answers like this), then retry.`,
      method,
      status,
      scrub(excerpt(parsed.text)),
    );
  };
  if (parsed.kind === 'empty') return fail('the answer is empty');
  if (parsed.kind === 'unparseable')
    return fail(`the answer is not JSON (${parsed.reason}): ${scrub(excerpt(parsed.text))}`);
  const body = parsed.value;
  if (!isObject(body) || !isObject(body.stat))
    return fail(`the answer has no stat object: ${scrub(excerpt(parsed.text))}`);
  // The SDKs read stat.code as an int, the pages list a String: either is the same code. The body
  // is left as it came (the contract accepts both), only the comparison is by value.
  const code = canonicalCode(body.stat.code);
  if (code === undefined) {
    return fail(`stat.code is missing or not an integer (number or digit string): ${scrub(excerpt(parsed.text))}`);
  }
  return {
    code,
    codename: optionalString(body.stat.codename),
    cid: optionalString(body.stat.cid),
    result: optionalString(body.result),
    body: body as Answer['body'],
  };
}

export interface ErrorContext {
  method: string;
  attempts: number;
  /** The signing string with secrets masked; computed only when the gateway rejects a signature. */
  maskedSigningString: () => string;
  scrub: (text: string) => string;
}

export function apiError(answer: Answer, ctx: ErrorContext): OvoparkApiError {
  const info = describeCode(answer.code);
  const result = answer.result === undefined ? undefined : ctx.scrub(answer.result);
  const base = {
    method: ctx.method,
    code: answer.code,
    meaning: info.meaning,
    result,
    cid: answer.cid,
    hint: info.hint,
    retryable: info.retryable,
    known: info.documented,
  };
  const hint = info.documented ? info.hint : `${info.hint}; quote stat.cid to Ovopark support.`;
  const said = result ? ` Gateway said: "${result}".` : '';
  const cid = answer.cid ? ` (stat.cid ${answer.cid})` : '';

  if (isBusinessCode(answer.code)) {
    return new OvoparkBusinessError(
      `${ctx.method} failed with business code ${answer.code}: ${info.meaning}.${said} ${hint}${cid}`,
      base,
    );
  }

  const codename = info.name ?? answer.codename;
  const label = codename ? `${answer.code} ${codename}` : answer.code;
  const tries = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
  if (answer.code === SIGN_WRONG_CODE) {
    const signingString = ctx.maskedSigningString();
    return new OvoparkSignatureError(
      `${ctx.method} was rejected with gateway code ${label}: ${info.meaning}.${said} ` +
        `${hint} The signed string was (secret shown as ***): ${signingString}${cid}`,
      { ...base, codename, attempts: ctx.attempts, signingString },
    );
  }
  return new OvoparkGatewayError(
    `${ctx.method} failed with gateway code ${label}${tries}: ${info.meaning}.${said} ${hint}${cid}`,
    { ...base, codename, attempts: ctx.attempts },
  );
}
