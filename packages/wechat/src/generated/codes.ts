// GENERATED FILE — do not edit by hand.
// Source: specs/wechat/openapi.yaml ("WeChat service market — getOrder", version 1.0.0),
// bundled by Redocly and converted by scripts/codegen.mjs (openapi-typescript).
// After changing the spec run `pnpm generate` and commit the result; `pnpm test` fails while
// this file and the spec disagree.

import type { CodeEntry } from '@orderkit/core';

/** What specs/wechat says about each of its codes (`KnownErrCode`: x-enumDescriptions + x-orderkit-codes). */
export const codes = {
  "40001": {
    "name": "INVALID_CREDENTIAL",
    "meaning": "Invalid credential — the access_token (or, for the token call, the AppSecret) is invalid or not the latest.",
    "outcome": "failed",
    "retryable": true,
    "hint": "The client fetches a new token and repeats the call by itself; if this persists, something else is fetching tokens for this AppID."
  },
  "40013": {
    "name": "INVALID_APPID",
    "meaning": "Invalid AppID.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Check the appId option."
  },
  "40014": {
    "name": "INVALID_ACCESS_TOKEN",
    "meaning": "Invalid access_token — refused like 40001 and 42001; fetch a new token and repeat the call.",
    "outcome": "failed",
    "retryable": true,
    "hint": "The client fetches a new token and repeats the call by itself; if this persists, something else is fetching tokens for this AppID."
  },
  "40125": {
    "name": "INVALID_APPSECRET",
    "meaning": "Invalid AppSecret (token calls).",
    "outcome": "failed",
    "retryable": false,
    "hint": "Check the appSecret option, and that the AppSecret was not reset in the console."
  },
  "40164": {
    "name": "IP_NOT_WHITELISTED",
    "meaning": "The caller's IP is not on the account's API IP whitelist (token calls).",
    "outcome": "failed",
    "retryable": false,
    "hint": "Add this server's outbound IP to the account's API IP whitelist."
  },
  "40243": {
    "name": "APPSECRET_FROZEN",
    "meaning": "The AppSecret is frozen and cannot obtain a token until it is unfrozen (token calls).",
    "outcome": "failed",
    "retryable": false,
    "hint": "Unfreeze the AppSecret in the console, or reset it."
  },
  "41001": {
    "name": "ACCESS_TOKEN_MISSING",
    "meaning": "The access_token parameter is missing.",
    "outcome": "failed",
    "retryable": false,
    "hint": "The access_token did not arrive: check baseUrl and any proxy that rewrites the query string."
  },
  "42001": {
    "name": "ACCESS_TOKEN_EXPIRED",
    "meaning": "access_token expired.",
    "outcome": "failed",
    "retryable": true,
    "hint": "The client fetches a new token and repeats the call by itself; if this persists, something else is fetching tokens for this AppID."
  },
  "45009": {
    "name": "DAILY_QUOTA_REACHED",
    "meaning": "The API's daily call quota is used up.",
    "outcome": "failed",
    "retryable": false,
    "hint": "The daily quota is used up: retrying today will not help; wait for the reset or have the quota cleared."
  },
  "45011": {
    "name": "MINUTE_QUOTA_REACHED",
    "meaning": "The API's per-minute frequency limit was hit; slow down and retry in the next minute.",
    "outcome": "failed",
    "retryable": true,
    "hint": "Slow down and retry in the next minute."
  },
  "48001": {
    "name": "API_UNAUTHORIZED",
    "meaning": "API unauthorized — the account has no permission for this API, or the token is of another account type.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Check that the account has this API's permission and that the token belongs to this account."
  },
  "61004": {
    "name": "CLIENT_IP_NOT_REGISTERED",
    "meaning": "The caller's IP is not registered on the account's IP whitelist.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Add this server's outbound IP to the account's API IP whitelist."
  },
  "10120002": {
    "name": "PARAMETER_ERROR",
    "meaning": "Parameter error — check the parameters.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Check the orderId."
  },
  "10120405": {
    "name": "METHOD_NOT_AVAILABLE",
    "meaning": "Method not available — request the way the document says.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Call the method the way the document says (this client does; check any proxy in between)."
  },
  "-1": {
    "name": "SYSTEM_BUSY",
    "meaning": "System busy; retry later.",
    "outcome": "unknown",
    "retryable": true,
    "hint": "Retry later."
  }
} as const satisfies Readonly<Record<string, CodeEntry>>;

/** A code the spec describes. */
export type KnownCode = keyof typeof codes;
