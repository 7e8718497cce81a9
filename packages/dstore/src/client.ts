/**
 * The D-Store side of `inquireOrderDetail`: a client that signs inquiries and verifies the POS
 * provider's signed answers. An adapter on the kernel (`@orderkit/core`): the transport, retries,
 * call budget and error model are the kernel's; signing, the meaning of an answer and the raw
 * `sendSigned` exchange are D-Store's.
 */
import type { DStoreClient, DStoreClientOptions } from './client-types.js';
import { clientContext } from './context.js';
import { inquirer } from './inquire.js';
import { signedSender } from './send-signed.js';
import { signedContent, SIGNED_PATH } from './signature.js';

export { DEFAULT_CLIENT_RETRY, DEFAULT_CLIENT_TIMEOUT_MS } from './context.js';

export function createDStoreClient(options: DStoreClientOptions): DStoreClient {
  const context = clientContext(options);
  return {
    inquireOrderDetail: inquirer(context),
    sendSigned: signedSender(context),
    debugSignedContent: (body, requestTime) =>
      signedContent({ clientId: context.clientId, time: requestTime, body, path: context.operationPath }),
  };
}

/**
 * The `baseUrl` a client needs from what a person gives: a POS provider's base URL, or the full
 * endpoint URL ending in the operation path (trailing slashes ignored). Throws a TypeError on a
 * string that is not a URL.
 */
export function posBaseUrl(endpoint: string): string {
  const url = new URL(endpoint);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith(SIGNED_PATH) ? path.slice(0, -SIGNED_PATH.length) : path}`;
}
