import { type BoundedBody, readBodyWithin } from '@orderkit/core';
import type { Decision } from './decision.js';

/** An inquiry is one id of at most 255 characters; 64 KiB is generous and still bounds memory. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** The request's raw body bytes (what the signature covers), or the answer when they cannot be had. */
export async function readInquiryBody(
  request: globalThis.Request,
  maxBodyBytes: number,
): Promise<Uint8Array | Decision> {
  let read: BoundedBody;
  try {
    read = await readBodyWithin(request, maxBodyBytes);
  } catch {
    return { kind: 'unknown', message: 'the request body could not be read completely' };
  }
  if (read.kind === 'read') return read.bytes;
  // The rest of the body is not read (its stream is cancelled): the answer says `Connection: close`,
  // so a keep-alive client does not send its next request on a connection the server is about to drop.
  return {
    kind: 'fail',
    code: 'PARAM_ILLEGAL',
    message: `body: larger than ${maxBodyBytes} bytes`,
    closeConnection: true,
  };
}
