/** What a call put on the wire, credentials masked, for logs and bug reports. */
import type { Middleware } from 'openapi-fetch';
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

/**
 * Keeps what the latest request sent, for `lastRequest()`, and tells `debug` about every request:
 * an openapi-fetch middleware that runs after authentication, so it sees the final URL. Nothing
 * is masked until asked for, except for `debug`.
 */
export class RequestRecorder {
  #last: { method: string; url: string; body: string | undefined } | undefined;
  readonly #mask: (text: string) => string;
  readonly #debug: ((sent: SentRequest) => void) | undefined;

  constructor(mask: (text: string) => string, debug: ((sent: SentRequest) => void) | undefined) {
    this.#mask = mask;
    this.#debug = debug;
  }

  readonly middleware: Middleware = {
    onRequest: ({ request }) => {
      if (request.body === null) return this.#record(request.method, request.url, undefined);
      // Only the stable_token call has a body: read a copy, the request itself is sent.
      return request
        .clone()
        .text()
        .then((body) => this.#record(request.method, request.url, body));
    },
  };

  /** What the latest request sent (method, URL, body), credentials masked. */
  last(): SentRequest | undefined {
    const last = this.#last;
    if (!last) return undefined;
    const url = this.#mask(last.url);
    return last.body === undefined
      ? { method: last.method, url }
      : { method: last.method, url, body: this.#mask(last.body) };
  }

  #record(method: string, url: string, body: string | undefined): undefined {
    this.#last = { method, url, body };
    if (this.#debug) this.#debug(this.last()!);
    return undefined;
  }

  toJSON(): string {
    return '[RequestRecorder]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[RequestRecorder]';
  }
}
