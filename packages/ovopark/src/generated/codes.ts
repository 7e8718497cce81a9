// GENERATED FILE — do not edit by hand.
// Source: specs/ovopark/openapi.yaml ("Ovopark open platform — POS orders (open.ovopark.pos.searchPos)", version 1.0.0),
// bundled by Redocly and converted by scripts/codegen.mjs (openapi-typescript).
// After changing the spec run `pnpm generate` and commit the result; `pnpm test` fails while
// this file and the spec disagree.

import type { CodeEntry } from '@orderkit/core';

/** What specs/ovopark says about each of its codes (`StatCode`: x-enumDescriptions + x-orderkit-codes). */
export const codes = {
  "1": {
    "name": "KEY_NOTNULL",
    "meaning": "`_akey` is empty.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Pass the developer key as the akey option."
  },
  "2": {
    "name": "KEY_UNLAWFUL",
    "meaning": "`_akey` is illegal.",
    "outcome": "failed",
    "retryable": false,
    "hint": "The akey option is not a key the platform knows; copy it again from the Ovopark developer console."
  },
  "3": {
    "name": "KEY_HAS_EXPIRED",
    "meaning": "`_akey` has expired; renew the service.",
    "outcome": "failed",
    "retryable": false,
    "hint": "The developer key has expired; renew the service with Ovopark, then update the akey option."
  },
  "4": {
    "name": "SIGN_METHOD_NOTNULL",
    "meaning": "`_sm` is empty.",
    "outcome": "failed",
    "retryable": false,
    "hint": "This client always sends _sm; something between it and the gateway dropped form fields (check proxies)."
  },
  "5": {
    "name": "SIGN_TYPE_NOTEXIST",
    "meaning": "`_sm` is not md5 or sha1.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Use signMethod \"md5\" or \"sha1\"."
  },
  "6": {
    "name": "SIGN_NOTNULL",
    "meaning": "`_sig` is empty.",
    "outcome": "failed",
    "retryable": false,
    "hint": "This client always sends _sig; something between it and the gateway dropped form fields (check proxies)."
  },
  "7": {
    "name": "SIGN_WRONG",
    "meaning": "the signature is invalid; check the parameters and the signature format.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Check that the secret option is the signing secret (_asid) issued with this akey, and that nothing rewrites the form body on the way."
  },
  "8": {
    "name": "METHOD_NOTNULL",
    "meaning": "`_mt` is empty.",
    "outcome": "failed",
    "retryable": false,
    "hint": "This client always sends _mt; something between it and the gateway dropped form fields (check proxies)."
  },
  "9": {
    "name": "METHOD_NOTEXIST_CODE",
    "meaning": "`_mt` + `_version` is not registered.",
    "outcome": "failed",
    "retryable": false,
    "hint": "The method and version (_mt, _version) are not enabled for this akey; ask Ovopark to grant the API to your application."
  },
  "10": {
    "name": "REQUESTMODE_NOTNULL",
    "meaning": "`_requestMode` is empty.",
    "outcome": "failed",
    "retryable": false,
    "hint": "This client always sends _requestMode; something between it and the gateway dropped form fields (check proxies)."
  },
  "11": {
    "name": "APPLICATIONID_NOTNULL",
    "meaning": "`_aid` is empty.",
    "outcome": "failed",
    "retryable": false,
    "hint": "This client always sends _aid; something between it and the gateway dropped form fields (check proxies)."
  },
  "12": {
    "name": "APPLICATIONID_NOTSAME",
    "meaning": "`_aid` does not match `_akey`.",
    "outcome": "failed",
    "retryable": false,
    "hint": "The akey does not belong to this application id (_aid); set the aid option to the AppId issued with this akey (default S107, the older platform's; cloud.api applications have their own, e.g. DC-00xxxx)."
  },
  "13": {
    "name": "VERSION_NOTNULL",
    "meaning": "`_version` is empty.",
    "outcome": "failed",
    "retryable": false,
    "hint": "This client always sends _version; something between it and the gateway dropped form fields (check proxies)."
  },
  "14": {
    "name": "TIMESTAMP_NOTNULL",
    "meaning": "`_timestamp` is empty.",
    "outcome": "failed",
    "retryable": false,
    "hint": "This client always sends _timestamp; something between it and the gateway dropped form fields (check proxies)."
  },
  "15": {
    "name": "TIMESTAMP_FORMAT_ERROR",
    "meaning": "`_timestamp` is not `yyyyMMddHHmmss`.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Check the timeZone option (default Asia/Shanghai): it must be an IANA zone."
  },
  "16": {
    "name": "TIMESTAMP_OVERTIME",
    "meaning": "`_timestamp` has expired; regenerate it for every call.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Check this machine's clock (NTP) and the timeZone option (default Asia/Shanghai, the platform's)."
  },
  "17": {
    "name": "FORMAT_TYPE_NOTEXIST",
    "meaning": "`_format` is unknown (json default, xml).",
    "outcome": "failed",
    "retryable": false,
    "hint": "This client never sends _format; something between it and the gateway added one (check proxies)."
  },
  "103094": {
    "name": "USERNAME_ERROE",
    "meaning": "mobileLogin; the user name is not an Ovopark login name (the platform's spelling of ERROR).",
    "outcome": "failed",
    "retryable": false,
    "hint": "The account option is not an Ovopark login name; use the user name (often the mobile number) of the login at www.ovopark.com."
  },
  "103095": {
    "name": "PASSWORD_ERROE",
    "meaning": "mobileLogin; the password is wrong (the platform's spelling of ERROR).",
    "outcome": "failed",
    "retryable": false,
    "hint": "The password was refused; check the password option, and the passwordEncoding option (md5 by default; some accounts expect \"plain\")."
  },
  "206001": {
    "meaning": "open-platform user does not exist.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Check the account option; if the session expired instead, add this code to authFailureCodes."
  },
  "206003": {
    "meaning": "business platform not bound; contact support.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Ask Ovopark support to bind the business platform to this account."
  },
  "206004": {
    "meaning": "department (store) does not exist.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Check depId: the store (department) does not exist for this account."
  },
  "206006": {
    "meaning": "agent has no permission for this enterprise.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Ask the enterprise to grant this account (agent) access to it."
  },
  "208004": {
    "meaning": "goods details must not be empty.",
    "outcome": "failed",
    "retryable": false,
    "hint": "The method wants goods details, which searchPos never sends; quote stat.cid to Ovopark support."
  },
  "208006": {
    "meaning": "date format error.",
    "outcome": "failed",
    "retryable": false,
    "hint": "startTime and endTime must be 'yyyy-MM-dd HH:mm:ss' in the platform time zone."
  },
  "208015": {
    "meaning": "page size must not exceed 100.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Use pageSize 100 or less."
  },
  "208016": {
    "meaning": "query time range is at most 1 hour.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Query at most one hour per call; searchPosRange splits longer ranges for you."
  },
  "208017": {
    "meaning": "call count over the limit of 300.",
    "outcome": "failed",
    "retryable": false,
    "hint": "The 300-call quota is used up; wait for it to reset, and narrow the ranges you query."
  },
  "208018": {
    "meaning": "POS data does not exist.",
    "outcome": "failed",
    "retryable": false,
    "hint": "There is no POS data for this store and time range."
  },
  "999999": {
    "meaning": "unknown API service exception.",
    "outcome": "failed",
    "retryable": false,
    "hint": "The platform failed inside the method; try again later and quote stat.cid to Ovopark support."
  },
  "9990001": {
    "name": "TOKEN_NOT_EXIST",
    "meaning": "the `authenticator` token is missing, unknown or expired; log in again (once) and repeat the call.",
    "outcome": "failed",
    "retryable": true,
    "hint": "The client logged in again once and the token was still refused; check that account and password belong to this akey's enterprise, and that nothing strips the authenticator header."
  },
  "-100": {
    "name": "API_CALL_REPEAT",
    "meaning": "duplicate call.",
    "outcome": "failed",
    "retryable": true,
    "hint": "The gateway saw the same request twice; every call is freshly stamped, so wait a second and call again."
  },
  "-500": {
    "name": "API_SYSTEM_CALL_ERROR",
    "meaning": "system exception.",
    "outcome": "failed",
    "retryable": true,
    "hint": "The platform failed after every retry; try again later or raise retry.maxAttempts."
  },
  "-999": {
    "name": "UNKNOWN_ERROR",
    "meaning": "platform exception; re-send the request.",
    "outcome": "failed",
    "retryable": true,
    "hint": "The platform failed after every retry; try again later or raise retry.maxAttempts."
  }
} as const satisfies Readonly<Record<string, CodeEntry>>;

/** A code the spec describes. */
export type KnownCode = keyof typeof codes;
