/**
 * What each `stat.code` means, from the generated code table (StatCode's `x-enumDescriptions` and
 * `x-orderkit-codes`), so a correction to the contract reaches the error messages unchanged.
 */
import { lookupCode, type CodeEntry } from '@orderkit/core';
import { codes } from './generated/codes.js';

export interface CodeInfo {
  /** The gateway's code name (`SIGN_WRONG`); absent for business codes, which have none. */
  name?: string;
  meaning: string;
  /** Whether the spec describes the code at all (the set is open: the platform sends codes it never documented). */
  documented: boolean;
  /** What to do (`x-orderkit-codes`), or 'unknown code …' for a code the spec does not describe. */
  hint: string;
  /** Whether repeating the call may help (`x-orderkit-codes`). */
  retryable: boolean;
}

const table: Readonly<Record<string, CodeEntry>> = codes;

/**
 * Codes are compared by value: the gateway sends numbers, the pages list strings, so `0`, `'0'`
 * and `'00'` are one code. Everything here keys codes by this canonical decimal string.
 */
export function canonicalCode(raw: unknown): string | undefined {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? String(raw) : undefined;
  if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) {
    const n = Number(raw.trim());
    return Number.isSafeInteger(n) ? String(n) : raw.trim();
  }
  return undefined;
}

export const SUCCESS_CODE = '0';
export const SIGN_WRONG_CODE = '7';
/** `9990001 TOKEN_NOT_EXIST`: the authenticator token is missing or stale — log in again, once. */
export const TOKEN_NOT_EXIST_CODE = '9990001';

/**
 * The codes that ask for the same call again, from the spec (`retryable: true` in
 * `x-orderkit-codes`): `-999 UNKNOWN_ERROR` ("re-send"), `-500` (a transient system exception),
 * `-100 API_CALL_REPEAT`. `9990001` is retryable too, but only after a new login, so the transport
 * never repeats it: the client logs in again and repeats the call itself.
 */
export function transportRetryableCodes(authFailureCodes: ReadonlySet<string> = new Set()): ReadonlySet<string> {
  const out = new Set<string>();
  for (const [code, entry] of Object.entries(table)) {
    if (entry.retryable && code !== TOKEN_NOT_EXIST_CODE && !authFailureCodes.has(code)) out.add(code);
  }
  return out;
}

/** The codes the client retries (with the default `authFailureCodes`). */
export const RETRYABLE_CODES: ReadonlySet<string> = transportRetryableCodes();

/** `stat.code` of an answer's text, or undefined when the text is no envelope (the client reports that). */
export function statCodeOf(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    const stat = (body as { stat?: unknown } | null)?.stat;
    return typeof stat === 'object' && stat !== null ? canonicalCode((stat as { code?: unknown }).code) : undefined;
  } catch {
    return undefined;
  }
}
/** `208018 POS data does not exist`: read as an empty result by searchPosRange (an inference). */
export const NO_DATA_CODE = '208018';

/** Business codes are the six-digit ones; gateway codes are 0–17 and the negative ones. */
export const isBusinessCode = (code: string): boolean => /^\d{6}$/.test(code);

export function describeCode(code: string): CodeInfo {
  if (code === SUCCESS_CODE)
    return { name: 'SUCCESS', meaning: 'call succeeded', documented: true, hint: '', retryable: false };
  const entry = lookupCode('ovopark', table, code);
  if (!entry.known)
    return { meaning: 'not documented by the platform', documented: false, hint: entry.hint, retryable: false };
  return {
    ...(entry.name ? { name: entry.name } : {}),
    meaning: entry.meaning.replace(/\.$/, ''),
    documented: true,
    hint: entry.hint,
    retryable: entry.retryable,
  };
}
