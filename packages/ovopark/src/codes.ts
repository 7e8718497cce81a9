/**
 * What each `stat.code` means, read at runtime from the generated spec (StatCode's
 * `x-enumDescriptions`), so a correction to the contract reaches the error messages unchanged.
 */
import spec from './generated/spec.js';

export interface CodeInfo {
  /** The gateway's code name (`SIGN_WRONG`); absent for business codes, which have none. */
  name?: string;
  meaning: string;
  /** Whether the spec describes the code at all (the set is open: the platform sends codes it never documented). */
  documented: boolean;
}

const DESCRIPTION = /^(.+?) — (.+)$/;
const BUSINESS_LABEL = 'Business';

const descriptions = spec.components.schemas.StatCode['x-enumDescriptions'] as Readonly<Record<string, string>>;

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
/** `-999 UNKNOWN_ERROR` says "re-send"; `-500` is a transient system exception. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['-999', '-500']);
/** `208018 POS data does not exist`: read as an empty result by searchPosRange (an inference). */
export const NO_DATA_CODE = '208018';

/** Business codes are the six-digit ones; gateway codes are 0–17 and the negative ones. */
export const isBusinessCode = (code: string): boolean => /^\d{6}$/.test(code);

export function describeCode(code: string): CodeInfo {
  const text = descriptions[code];
  if (text === undefined) return { meaning: 'not documented by the platform', documented: false };
  const m = DESCRIPTION.exec(text);
  if (!m) return { meaning: text, documented: true };
  const [, label = '', meaning = ''] = m;
  return label === BUSINESS_LABEL
    ? { meaning: meaning.replace(/\.$/, ''), documented: true }
    : { name: label, meaning: meaning.replace(/\.$/, ''), documented: true };
}
