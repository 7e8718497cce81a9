/**
 * The gateway signature (`_sig`), as Ovopark's public SDK computes it. Pure functions over the
 * exact string values that go on the wire, so a signature can be checked against the SDK's
 * worked example without a client.
 */
import { hash } from 'node:crypto';
import { MASK } from '@orderkit/core';
import type { SchemaSystemParams } from './generated/openapi.js';

export type SignMethod = SchemaSystemParams['_sm'];

/** Parameter values as they go on the wire; the SDK treats a missing value as the empty string. */
export type SignableParams = Readonly<Record<string, string | null | undefined>>;

const SIGNATURE_FIELD = '_sig';

/** `name1value1name2value2…`, names in code-unit order (Java's `String.compareTo`, JS's default sort), `_sig` left out. */
function concatenated(params: SignableParams): string {
  const names: string[] = [];
  for (const name in params) if (name !== SIGNATURE_FIELD) names.push(name);
  names.sort();
  let out = '';
  for (const name of names) out += name + (params[name] ?? '');
  return out;
}

/** The exact string that is hashed: the secret, the sorted parameters, the secret again. */
export function signingString(params: SignableParams, secret: string): string {
  return secret + concatenated(params) + secret;
}

/** `_sig`: the UTF-8 bytes of the signing string hashed with `method`, hex in upper case. */
export function sign(params: SignableParams, secret: string, method: SignMethod): string {
  // One-shot `hash` encodes strings as UTF-8 and skips the Hash object createHash builds per call.
  return hash(method, signingString(params, secret), 'hex').toUpperCase();
}

/**
 * The signing string with the secret replaced by `***`, for comparing with what the platform
 * expects when it answers `7 SIGN_WRONG`. Built from the parts rather than by searching the
 * string, so a secret that also occurs inside a value cannot leave half of itself visible.
 */
export function debugSigningString(params: SignableParams, secret: string): string {
  const middle = concatenated(params);
  return MASK + (secret ? middle.split(secret).join(MASK) : middle) + MASK;
}
