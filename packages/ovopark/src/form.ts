/**
 * The wire body: every parameter as the string that is both signed and sent, so the signature
 * can never be computed over something other than what the gateway receives.
 */
import { OvoparkInputError } from './errors.js';
import { sign, type SignMethod } from './sign.js';

export type WireParams = Record<string, string>;

/** Numbers become `String(n)`; `undefined` is left out (and so not signed); `''` and `null` are sent as empty. */
export function toWireParams(body: object): WireParams {
  const out: WireParams = {};
  const fields = body as Record<string, unknown>;
  for (const name in fields) {
    const value = fields[name];
    if (value === undefined) continue;
    if (value === null) out[name] = '';
    else if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
      out[name] = String(value);
    else {
      throw new OvoparkInputError(
        `parameter ${name} is a ${Array.isArray(value) ? 'list' : typeof value}; the gateway takes flat form fields only — pass a string or a number.`,
      );
    }
  }
  return out;
}

/**
 * `application/x-www-form-urlencoded` of UTF-8 percent-escapes. A lone surrogate cannot be sent
 * as UTF-8: URLSearchParams would swap it for U+FFFD and the gateway would see a value other than
 * the one signed, so it is refused here instead.
 */
export function encodeForm(params: WireParams): string {
  let out = '';
  for (const name in params) {
    try {
      out += `${out === '' ? '' : '&'}${encodeURIComponent(name)}=${encodeURIComponent(params[name]!)}`;
    } catch {
      throw new OvoparkInputError(
        `parameter ${name} holds an unpaired UTF-16 surrogate, which has no UTF-8 form; fix the string.`,
      );
    }
  }
  return out;
}

/**
 * An openapi-fetch body serializer that stringifies, signs and encodes, and hands the signed
 * parameters to `onSigned` (kept for explaining a `SIGN_WRONG`).
 */
export function signedFormSerializer(
  secret: string,
  method: SignMethod,
  onSigned: (params: WireParams) => void,
): (body: object) => string {
  return (body) => {
    const params = toWireParams(body);
    params._sig = sign(params, secret, method);
    onSigned(params);
    return encodeForm(params);
  };
}
