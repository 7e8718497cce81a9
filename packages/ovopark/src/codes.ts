/**
 * What each `stat.code` means, read at runtime from the generated spec (StatCode's
 * `x-enumDescriptions`), so a correction to the contract reaches the error messages unchanged.
 */
import spec from './generated/spec.js';
import { statCodeValues, type SchemaStatCode } from './generated/openapi.js';

export interface CodeInfo {
  /** The gateway's code name (`SIGN_WRONG`); absent for business codes, which have none. */
  name?: string;
  meaning: string;
  /** Whether the spec lists the code at all. */
  documented: boolean;
}

const DESCRIPTION = /^(.+?) — (.+)$/;
const BUSINESS_LABEL = 'Business';

const descriptions = spec.components.schemas.StatCode['x-enumDescriptions'] as Readonly<Record<string, string>>;
const documented = new Set<string>(statCodeValues);

export const SUCCESS_CODE: SchemaStatCode = '0';
export const SIGN_WRONG_CODE: SchemaStatCode = '7';
/** `-999 UNKNOWN_ERROR` says "re-send"; `-500` is a transient system exception. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set<SchemaStatCode>(['-999', '-500']);
/** `208018 POS data does not exist`: read as an empty result by searchPosRange (an inference). */
export const NO_DATA_CODE: SchemaStatCode = '208018';

/** Business codes are the six-digit ones; gateway codes are 0–17 and the negative ones. */
export const isBusinessCode = (code: string): boolean => /^\d{6}$/.test(code);

export function describeCode(code: string): CodeInfo {
  const text = descriptions[code];
  if (text === undefined) return { meaning: 'not documented by the platform', documented: false };
  const m = DESCRIPTION.exec(text);
  if (!m) return { meaning: text, documented: documented.has(code) };
  const [, label = '', meaning = ''] = m;
  return label === BUSINESS_LABEL
    ? { meaning: meaning.replace(/\.$/, ''), documented: true }
    : { name: label, meaning: meaning.replace(/\.$/, ''), documented: true };
}
