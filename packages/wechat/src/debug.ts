/** What a call put on the wire, credentials masked, for logs and bug reports. */
import { maskCredentials } from './redaction.js';

export interface SentRequest {
  readonly method: string;
  /** The full URL, `access_token` and `secret` masked. */
  readonly url: string;
  /** The JSON body, if any, `secret` masked. */
  readonly body?: string;
}

/** Describes `request` with every credential masked; `secrets` are masked wherever they appear. */
export async function describeRequest(
  request: Request,
  secrets: ReadonlyArray<string | undefined> = [],
): Promise<SentRequest> {
  const sent = { method: request.method, url: maskCredentials(request.url, secrets) };
  if (request.body === null) return sent;
  return { ...sent, body: maskCredentials(await request.clone().text(), secrets) };
}
