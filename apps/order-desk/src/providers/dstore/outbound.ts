/**
 * Where a signed D-Store inquiry made by order-desk may go, and how much of an answer it reads
 * (issue 14, "no request forgery"). `/api/dstore/inquire` takes a URL from whoever reaches the admin
 * face; without this, order-desk would send requests to any host it can reach (cloud metadata,
 * internal admin pages) and relay what came back.
 *
 * The rule is exact: an allowed entry names one endpoint URL (an origin alone stands for the
 * endpoint at the contract's path on it), and a request goes out only to one of those URLs. No
 * prefix or wildcard matching, so an entry cannot be stretched to a neighbouring path or host.
 *
 * The guard is a `fetch` handed to the dstore client (its `fetch` option), so the client package
 * stays as it is and every request the client makes passes through here.
 */
import { readBodyWithin } from '@orderkit/core';
import { posBaseUrl, SIGNED_PATH } from '@orderkit/dstore';

/** An answer to an inquiry is a few hundred bytes; anything near this is not a POS endpoint. */
export const MAX_ANSWER_BYTES = 1024 * 1024;
/** D-Store's own budget for a POS answer (the client's default), stated here as the bound we rely on. */
export const INQUIRY_TIMEOUT_MS = 8_000;

export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
}

/** The exact URL an inquiry to `endpoint` is sent to: the client posts to posBaseUrl + the contract's path. */
export function inquiryTarget(endpoint: string): string {
  return new URL(`${posBaseUrl(endpoint)}${SIGNED_PATH}`).href;
}

export interface InquiryGuard {
  /** Whether an inquiry to this endpoint URL (as a person gives it) would be sent. */
  allows(endpoint: string): boolean;
  /** The allowed endpoints, for messages. */
  allowed: readonly string[];
  /** A fetch that refuses other URLs, follows no redirect and reads at most MAX_ANSWER_BYTES. */
  fetch: typeof globalThis.fetch;
}

/** `allowed`: endpoint URLs or origins; `anyEndpoint`: the local CLI user's own tool (see cli.ts). */
export function createInquiryGuard(
  allowedIn: readonly string[],
  options: { anyEndpoint?: boolean } = {},
): InquiryGuard {
  const allowed = [...new Set(allowedIn.map(inquiryTarget))];
  const allows = (endpoint: string) => {
    if (options.anyEndpoint) return true;
    try {
      return allowed.includes(inquiryTarget(endpoint));
    } catch {
      return false;
    }
  };

  const guarded: typeof globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!options.anyEndpoint && !allowed.includes(new URL(url).href)) {
      throw new OutboundRefused(
        `${new URL(url).origin} is not an allowed D-Store inquiry endpoint (DSTORE_INQUIRE_ALLOWED_ENDPOINTS)`,
      );
    }
    // 'manual', not 'follow': a signed POST is never replayed elsewhere, and an allowed host cannot
    // bounce the request to one that is not. ('error' would do too, with a vaguer message.) A Request
    // is passed on whole (its headers and body), so the client may call fetch either way.
    const response = await globalThis.fetch(input instanceof Request ? input : url, { ...init, redirect: 'manual' });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new OutboundRefused(
        `the endpoint answered a redirect (HTTP ${response.status}); redirects are not followed`,
      );
    }
    const read = await readBodyWithin(response, MAX_ANSWER_BYTES);
    if (read.kind === 'too-large') {
      throw new OutboundRefused(`the endpoint's answer is larger than ${read.limit} bytes; not read`);
    }
    return new Response(read.bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  return { allows, allowed, fetch: guarded };
}
