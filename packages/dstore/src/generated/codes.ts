// GENERATED FILE — do not edit by hand.
// Source: specs/dstore/openapi.yaml ("D-Store POS provider API — inquireOrderDetail", version 2.0.0),
// bundled by Redocly and converted by scripts/codegen.mjs (openapi-typescript).
// After changing the spec run `pnpm generate` and commit the result; `pnpm test` fails while
// this file and the spec disagree.

import type { CodeEntry } from '@orderkit/core';

/** What specs/dstore says about each of its codes (`ResultCode`: x-enumDescriptions + x-orderkit-codes). */
export const codes = {
  "PROCESS_FAIL": {
    "name": "PROCESS_FAIL",
    "meaning": "(F) A general business failure occurred. Do not retry.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Business failure, e.g. an unknown order; final — fix the cause before sending the inquiry again."
  },
  "PARAM_ILLEGAL": {
    "name": "PARAM_ILLEGAL",
    "meaning": "(F) Parameter names or values do not meet the specified requirements; the message says which.",
    "outcome": "failed",
    "retryable": false,
    "hint": "A header or body field is wrong; resultMessage names it."
  },
  "INVALID_API": {
    "name": "INVALID_API",
    "meaning": "(F) The called API is invalid or not active.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Wrong method or endpoint."
  },
  "INVALID_SIGNATURE": {
    "name": "INVALID_SIGNATURE",
    "meaning": "(F) The signature is invalid.",
    "outcome": "failed",
    "retryable": false,
    "hint": "Check the content to sign, the private key and the public key registered with the POS provider."
  },
  "ACCESS_DENIED": {
    "name": "ACCESS_DENIED",
    "meaning": "(F) Access is denied.",
    "outcome": "failed",
    "retryable": false,
    "hint": "The Client-Id is not the one agreed with the POS provider."
  },
  "REQUEST_TRAFFIC_EXCEED_LIMIT": {
    "name": "REQUEST_TRAFFIC_EXCEED_LIMIT",
    "meaning": "(F) The request traffic exceeds the limit.",
    "outcome": "failed",
    "retryable": true,
    "hint": "Slow down, then send the inquiry again."
  },
  "UNKNOWN_EXCEPTION": {
    "name": "UNKNOWN_EXCEPTION",
    "meaning": "(U) The call failed for an unknown reason (system or network issue); D-Store retries.",
    "outcome": "unknown",
    "retryable": true,
    "hint": "The outcome is unknown; retry the inquiry after a short delay."
  }
} as const satisfies Readonly<Record<string, CodeEntry>>;

/** A code the spec describes. */
export type KnownCode = keyof typeof codes;
