/**
 * What a WeChat answer means. WeChat answers HTTP 200 with JSON (often labelled `text/plain`)
 * whether it succeeded or not; the outcome is the body's `errcode`: 0 success, the spec's
 * retryable codes "try again", the token refusals "get a new token", anything else a failure.
 */
import { excerpt, parseBody, type AttemptAnswer } from '@orderkit/core';
import type { ValidationIssue } from '@orderkit/openapi-ajv';
import { codes } from './generated/codes.js';
import { WeChatHttpError, WeChatProtocolError, type WeChatOperation } from './errors.js';
import type { SecretSet } from './redaction.js';

/**
 * The answers that refuse the token itself: 40001 (invalid or not the latest), 40014 (invalid) and
 * 42001 (expired). The spec says to fetch a new token and repeat the call (wechatpy refreshes and
 * repeats on the same three); the client does it once per call.
 */
export const TOKEN_REFUSED: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** System busy: retried; still busy after the last attempt is a WeChatBusyError. */
export const BUSY = -1;

/**
 * The codes the transport repeats as they are: those the spec's code table marks retryable,
 * except the token refusals, which a repeat with the same token cannot cure.
 */
export const REPEATED_CODES: ReadonlySet<number> = new Set(
  Object.entries(codes)
    .filter(([code, entry]) => entry.retryable && !TOKEN_REFUSED.has(Number(code)))
    .map(([code]) => Number(code)),
);

/** The transport's retry rule: a 2xx answer whose errcode is one of REPEATED_CODES. */
export function repeatable(answer: AttemptAnswer): boolean {
  if (answer.status < 200 || answer.status > 299) return false;
  const errcode = errcodeOf(answer.text);
  return errcode !== undefined && REPEATED_CODES.has(errcode);
}

/** Every `"errcode": <n>` in a body: a scan that lets the common answer skip a second JSON.parse. */
const ERRCODE_FIELD = /"errcode"\s*:\s*(-?\d+)/g;

function errcodeOf(text: string): number | undefined {
  // Parsed only when some errcode in the text is one the transport repeats; the parse then says
  // whether it is the answer's own (top-level) errcode.
  let candidate = false;
  for (const match of text.matchAll(ERRCODE_FIELD)) {
    if (REPEATED_CODES.has(Number(match[1]))) {
      candidate = true;
      break;
    }
  }
  if (!candidate) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    const errcode = (value as { errcode?: unknown } | null)?.errcode;
    return typeof errcode === 'number' ? errcode : undefined;
  } catch {
    return undefined;
  }
}

/** A WeChat answer read as an object: its errcode (0 when absent), masked errmsg and what the transport saw. */
export interface WeChatAnswer {
  readonly body: Record<string, unknown>;
  readonly text: string;
  readonly errcode: number;
  /** Masked: WeChat may echo a token or the AppSecret. `''` on success. */
  readonly errmsg: string;
  readonly contentType: string;
  /** Attempts the transport made for this answer. */
  readonly attempts: number;
}

/** The JSON object WeChat answered, whatever its Content-Type; anything else is a typed error. */
export function readAnswer(
  operation: WeChatOperation,
  response: Response,
  text: string,
  attempts: number,
  secrets: SecretSet,
): WeChatAnswer {
  const contentType = response.headers.get('content-type') ?? '';
  if (!response.ok) throw new WeChatHttpError(response.status, operation, excerptOf(text, secrets));
  // JSON.parse skips JSON whitespace itself, so the usual body needs no trimmed copy; parseBody
  // (which also trims a BOM or other Unicode spaces) runs only when that fails.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const parsed = parseBody(text);
    const protocol = (problem: string, body: string) =>
      new WeChatProtocolError(problem, operation, contentType, excerptOf(body, secrets));
    if (parsed.kind === 'empty') throw protocol('was empty', '');
    if (parsed.kind === 'unparseable') throw protocol(`is not JSON (${secrets.mask(parsed.reason)})`, parsed.text);
    value = parsed.value;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WeChatProtocolError('is JSON but not an object', operation, contentType, excerptOf(text, secrets));
  }
  const body = value as Record<string, unknown>;
  const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
  const errmsg = errcode === 0 ? '' : secrets.mask(typeof body.errmsg === 'string' ? body.errmsg : '');
  return { body, text, errcode, errmsg, contentType, attempts };
}

/** A success body that breaks the spec's schema. */
export function invalidAnswer(
  operation: WeChatOperation,
  answer: WeChatAnswer,
  issues: readonly ValidationIssue[],
  secrets: SecretSet,
): WeChatProtocolError {
  const listed = issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ');
  return new WeChatProtocolError(
    `breaks the spec's schema: ${secrets.mask(listed)}`,
    operation,
    answer.contentType,
    excerptOf(answer.text, secrets),
    issues,
  );
}

// Masked before it is cut, so that a cut cannot split a secret into something unrecognisable.
function excerptOf(text: string, secrets: SecretSet): string {
  return excerpt(secrets.mask(text));
}
