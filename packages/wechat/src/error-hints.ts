/** The advice in this package's errors that does not come from the spec's code table. */

/** What to do about the failures that carry no WeChat code (those take their hint from the spec). */
export const HINT = {
  bug: 'A bug in @orderkit/wechat or in the injected fetch: report it with the message.',
  input: 'Fix the argument or option the message names; nothing was sent.',
  schema: 'WeChat answered off the spec: if WeChat changed its format, update specs/wechat and run `pnpm generate`.',
  body: 'WeChat sends such bodies on transient failures: retry later, and report it if it persists.',
  http: 'WeChat itself always answers 200: check baseUrl and any proxy in between, then retry.',
  timeout: 'Retry later, or raise timeoutMs.',
  abort: "The caller's signal cancelled the call: repeat it if the result is still wanted.",
  connection: 'Check baseUrl, DNS and outbound network access, then retry.',
} as const;

// WeChat adds codes without notice; an unknown one is a failure WeChat reported, so it is named as
// such instead of being mistaken for a broken answer.
export function unknownCode(errcode: number): string {
  return `errcode ${errcode} is an unknown code (not in specs/wechat's KnownErrCode; WeChat's codes are an open set).`;
}

export const UNKNOWN_ADVICE = "See WeChat's error-code documentation and the errmsg (quote its rid to WeChat support).";
