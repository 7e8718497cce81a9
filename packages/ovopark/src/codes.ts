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
/** `-999 UNKNOWN_ERROR` says "re-send"; `-500` is a transient system exception (the client retries these). */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['-999', '-500']);
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
