/**
 * Reading the gateway's answer: the envelope by content (the status and Content-Type prove
 * nothing), and every `stat.code` other than success turned into the error that says what to do
 * about it.
 */
import { excerpt, parseBody } from '@orderkit/runtime';
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
  if (parsed.kind === 'unparseable') return fail(`the answer is not JSON (${parsed.reason}): ${scrub(excerpt(parsed.text))}`);
  const body = parsed.value;
  if (!isObject(body) || !isObject(body.stat)) return fail(`the answer has no stat object: ${scrub(excerpt(parsed.text))}`);
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

// What a caller can do about each code; the meaning itself comes from the spec.
const HINTS: Readonly<Record<string, string>> = {
  '1': 'Pass the developer key as the akey option.',
  '2': 'The akey option is not a key the platform knows; copy it again from the Ovopark developer console.',
  '3': 'The developer key has expired; renew the service with Ovopark, then update the akey option.',
  '4': 'This client always sends _sm; something between it and the gateway dropped form fields (check proxies).',
  '5': 'Use signMethod "md5" or "sha1".',
  '6': 'This client always sends _sig; something between it and the gateway dropped form fields (check proxies).',
  '8': 'This client always sends _mt; something between it and the gateway dropped form fields (check proxies).',
  '9': 'The method and version (_mt, _version) are not enabled for this akey; ask Ovopark to grant the API to your application.',
  '10': 'This client always sends _requestMode; something between it and the gateway dropped form fields (check proxies).',
  '11': 'This client always sends _aid; something between it and the gateway dropped form fields (check proxies).',
  '12': 'The akey does not belong to this application id (_aid); set the aid option to the AppId issued with this akey (default S107, the older platform\'s; cloud.api applications have their own, e.g. DC-00xxxx).',
  '13': 'This client always sends _version; something between it and the gateway dropped form fields (check proxies).',
  '14': 'This client always sends _timestamp; something between it and the gateway dropped form fields (check proxies).',
  '15': 'Check the timeZone option (default Asia/Shanghai): it must be an IANA zone.',
  '16': "Check this machine's clock (NTP) and the timeZone option (default Asia/Shanghai, the platform's).",
  '17': 'This client never sends _format; something between it and the gateway added one (check proxies).',
  '-100': 'The gateway saw the same request twice; every call is freshly stamped, so wait a second and call again.',
  '-500': 'The platform failed after every retry; try again later or raise retry.maxAttempts.',
  '-999': 'The platform failed after every retry; try again later or raise retry.maxAttempts.',
  '206001': 'Check the account option; if the session expired instead, add this code to authFailureCodes.',
  '9990001': 'The client logged in again once and the token was still refused; check that account and password belong to this akey\'s enterprise, and that nothing strips the authenticator header.',
  '103094': 'The account option is not an Ovopark login name; use the user name (often the mobile number) of the login at www.ovopark.com.',
  '103095': 'The password was refused; check the password option, and the passwordEncoding option (md5 by default; some accounts expect "plain").',
  '206003': 'Ask Ovopark support to bind the business platform to this account.',
  '206004': 'Check depId: the store (department) does not exist for this account.',
  '206006': 'Ask the enterprise to grant this account (agent) access to it.',
  '999999': 'The platform failed inside the method; try again later and quote stat.cid to Ovopark support.',
  '208004': 'The method wants goods details, which searchPos never sends; quote stat.cid to Ovopark support.',
  '208006': "startTime and endTime must be 'yyyy-MM-dd HH:mm:ss' in the platform time zone.",
  '208015': 'Use pageSize 100 or less.',
  '208016': 'Query at most one hour per call; searchPosRange splits longer ranges for you.',
  '208017': 'The 300-call quota is used up; wait for it to reset, and narrow the ranges you query.',
  '208018': 'There is no POS data for this store and time range.',
};

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
  const base = { method: ctx.method, code: answer.code, meaning: info.meaning, result, cid: answer.cid };
  const said = result ? ` Gateway said: "${result}".` : '';
  const cid = answer.cid ? ` (stat.cid ${answer.cid})` : '';

  if (isBusinessCode(answer.code)) {
    const hint = HINTS[answer.code] ?? 'The platform does not document this code; quote stat.cid to Ovopark support.';
    return new OvoparkBusinessError(`${ctx.method} failed with business code ${answer.code}: ${info.meaning}.${said} ${hint}${cid}`, base);
  }

  const codename = info.name ?? answer.codename;
  const label = codename ? `${answer.code} ${codename}` : answer.code;
  const tries = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
  if (answer.code === SIGN_WRONG_CODE) {
    const signingString = ctx.maskedSigningString();
    return new OvoparkSignatureError(
      `${ctx.method} was rejected with gateway code ${label}: ${info.meaning}.${said} ` +
        `Check that the secret option is the signing secret (_asid) issued with this akey, and that nothing ` +
        `rewrites the form body on the way. The signed string was (secret shown as ***): ${signingString}${cid}`,
      { ...base, codename, attempts: ctx.attempts, signingString },
    );
  }
  const hint = HINTS[answer.code] ?? 'The platform does not document this code; quote stat.cid to Ovopark support.';
  return new OvoparkGatewayError(
    `${ctx.method} failed with gateway code ${label}${tries}: ${info.meaning}.${said} ${hint}${cid}`,
    { ...base, codename, attempts: ctx.attempts },
  );
}
