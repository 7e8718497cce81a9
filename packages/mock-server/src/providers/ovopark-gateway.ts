/**
 * What Ovopark's gateway checks before any method runs, as the contract documents it (the
 * signature algorithm of specs/ovopark/openapi.yaml, the system parameters of SystemParams.yaml,
 * the codes of StatCode.yaml). The signature is verified here with node:crypto from the documented
 * algorithm, never with @orderkit/ovopark's signer: the mock is an independent check of it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { json, type MockAnswer, type MockRequest } from '../behaviour.js';

/** The credentials the gateway knows (one developer application and its secret). */
export interface GatewayCredentials {
  akey: string;
  aid: string;
  secret: string;
}

/** The methods the gateway has registered (`_mt`), all at `_version` v1. */
export const VERSION = 'v1';

/** The platform's clock is Asia/Shanghai, UTC+8 all year (no daylight saving since 1991). */
const PLATFORM_OFFSET_MS = 8 * 60 * 60 * 1000;

/** A failed check: the gateway's code and its prompt text (`result`, at most 100 characters). */
export interface Refusal {
  code: number;
  result: string;
}

/** The form fields of a request: the first value of each name, as the gateway's parameter map reads them. */
export type Form = ReadonlyMap<string, string>;

/** The form of a POST body, or an empty one when the body is not form-encoded (the gateway reads no other). */
export function readForm(request: MockRequest): Form {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  const form = new Map<string, string>();
  if (!type.startsWith('application/x-www-form-urlencoded')) return form;
  for (const [name, value] of new URLSearchParams(request.body.toString('utf8'))) {
    if (!form.has(name)) form.set(name, value);
  }
  return form;
}

/**
 * `<secret>name1value1name2value2…<secret>` over every parameter but `_sig`, names in code-unit
 * order, hashed with `_sm` (md5 or sha1), hex in upper case.
 */
export function expectedSignature(form: Form, secret: string, method: 'md5' | 'sha1'): string {
  const names = [...form.keys()].filter((n) => n !== '_sig').sort();
  let text = secret;
  for (const name of names) text += name + (form.get(name) ?? '');
  text += secret;
  return createHash(method).update(text, 'utf8').digest('hex').toUpperCase();
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Wall-clock `yyyyMMddHHmmss` / `yyyy-MM-dd HH:mm:ss` as milliseconds on a UTC scale, or undefined if no such time. */
export function wallClockMs(text: string, pattern: RegExp): number | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const real =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return real ? ms : undefined;
}

const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Today's calendar day on the platform's clock, `yyyy-MM-dd` (what the quota counts over). */
export const platformDay = (nowMs: number): string => new Date(nowMs + PLATFORM_OFFSET_MS).toISOString().slice(0, 10);

export interface GatewayOptions {
  credentials: GatewayCredentials;
  methods: ReadonlySet<string>;
  /** Largest accepted distance between `_timestamp` and the mock's clock, in seconds. */
  skewSeconds: number;
  now(): number;
}

/**
 * The gateway's verdict on the system parameters, in this order: each missing parameter (1, 4, 6,
 * 8, 10, 11, 13, 14), the formats (`_sm` 5, `_timestamp` 15, `_format` 17), the key (2), the
 * application id (12), the method and version (9), the timestamp's age (16), and last the
 * signature (7). Undefined when the call may go on to its method.
 */
export function checkSystem(form: Form, o: GatewayOptions): Refusal | undefined {
  const missing: Array<[string, number]> = [
    ['_akey', 1],
    ['_sm', 4],
    ['_sig', 6],
    ['_mt', 8],
    ['_requestMode', 10],
    ['_aid', 11],
    ['_version', 13],
    ['_timestamp', 14],
  ];
  for (const [name, code] of missing) {
    if (!form.get(name)) return { code, result: `${name} cannot be empty` };
  }
  const sm = form.get('_sm') as string;
  if (sm !== 'md5' && sm !== 'sha1') return { code: 5, result: '_sm must be md5 or sha1' };
  const stamp = wallClockMs(form.get('_timestamp') as string, TIMESTAMP);
  if (stamp === undefined) return { code: 15, result: '_timestamp must be yyyyMMddHHmmss (Asia/Shanghai)' };
  const format = form.get('_format');
  if (format !== undefined && format !== 'json' && format !== 'xml')
    return { code: 17, result: '_format must be json (default) or xml' };
  if (form.get('_akey') !== o.credentials.akey) return { code: 2, result: '_akey is not a key this gateway knows' };
  if (form.get('_aid') !== o.credentials.aid) return { code: 12, result: '_aid does not belong to this _akey' };
  const mt = form.get('_mt') as string;
  if (!o.methods.has(mt) || form.get('_version') !== VERSION)
    return { code: 9, result: `${mt.slice(0, 60)} ${form.get('_version')?.slice(0, 10)} is not registered` };
  const skew = Math.abs(o.now() - (stamp - PLATFORM_OFFSET_MS));
  if (skew > o.skewSeconds * 1000)
    return {
      code: 16,
      result: `_timestamp is ${Math.round(skew / 1000)} s from the gateway clock (max ${o.skewSeconds})`,
    };
  if (!same(form.get('_sig') as string, expectedSignature(form, o.credentials.secret, sm)))
    return { code: 7, result: 'signature wrong: check the secret and the parameters' };
  return undefined;
}

/** Code names as the contract lists them (`x-orderkit-codes`), read from the bundle once. */
export type CodeNames = ReadonlyMap<number, string>;

export function codeNames(bundle: { components?: { schemas?: Record<string, unknown> }; paths?: unknown }): CodeNames {
  const statCode = bundle.components?.schemas?.StatCode as { 'x-orderkit-codes'?: Record<string, { name?: string }> };
  const out = new Map<number, string>([[0, 'SUCCESS']]);
  for (const [code, entry] of Object.entries(statCode?.['x-orderkit-codes'] ?? {})) {
    if (entry.name) out.set(Number(code), entry.name);
  }
  return out;
}

/** The gateway's envelope, HTTP 200: `stat` with numbers (as the SDKs read them), `result`, `data`. */
export function envelope(
  names: CodeNames,
  cid: string,
  code: number,
  result: string,
  data: unknown = null,
  nowMs = Date.now(),
): MockAnswer {
  return json({
    stat: { cid, code, codename: names.get(code) ?? 'ERROR', systime: nowMs },
    result: result.slice(0, 100),
    data,
  });
}
