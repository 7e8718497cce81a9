/**
 * What openapi-fetch hands to `fetch`. openapi-fetch always builds a `Request` and calls
 * `fetch(request)`; Node 20's fetch then builds a second one from it (and the middleware used to
 * build a third to add the access_token): each undici `Request` costs tens of µs, as much as a
 * third of a loopback round trip. openapi-fetch's documented `Request` option lets the client pass
 * this plain record of the URL and init instead; the middleware edits `url` as a string, and the
 * global fetch is called once as `fetch(url, init)`, building the only Request itself.
 */

/** Stands in for `Request` inside openapi-fetch: what `new Request(url, init)` would hold. */
export class WireRequest {
  /** The full URL; the middleware appends the access_token here. */
  url: string;
  readonly init: RequestInit;
  readonly method: string;
  /**
   * The access_token the call chose (the client's `token` fetch option, which openapi-fetch hands
   * on in the init), for the middleware to add to `url`; never sent as such.
   */
  readonly token: string | undefined;

  constructor(url: string, init: RequestInit & { token?: string }) {
    this.url = url;
    this.init = init;
    this.method = init.method ?? 'GET';
    this.token = init.token;
  }

  /** Defined so openapi-fetch does not copy the call's `signal` onto the instance. */
  get signal(): AbortSignal | null {
    return this.init.signal ?? null;
  }

  /** The serialized body (the client only sends JSON strings), or `null` as on a `Request`. */
  get body(): string | null {
    const body = this.init.body;
    return typeof body === 'string' ? body : null;
  }
}

export type CustomFetch = (request: Request, init: { signal: AbortSignal }) => Promise<Response>;

/**
 * The `fetch` openapi-fetch calls with a WireRequest. A caller's own fetch gets a real `Request`
 * (URL with access_token, method, headers, body; no signal) and the call's signal beside it, as
 * before; the global fetch gets the URL and a minimal init directly.
 */
export function wireFetch(custom: CustomFetch | undefined): (request: WireRequest) => Promise<Response> {
  if (custom) {
    return (request) => {
      const { signal, token: _token, ...init } = request.init as RequestInit & { token?: string };
      return custom(new Request(request.url, init), { signal: signal as AbortSignal });
    };
  }
  return (request) => {
    const { method, signal, redirect, body, headers } = request.init;
    // openapi-fetch sets a header (Content-Type) only with a body and the client adds none; an
    // empty Headers object is still worth leaving out, undici copies it entry by entry. GET and
    // redirect 'follow' are fetch's defaults.
    if (body == null && method === 'GET' && redirect === 'follow') return fetch(request.url, { signal });
    return fetch(request.url, { method, signal, redirect, body, headers });
  };
}
