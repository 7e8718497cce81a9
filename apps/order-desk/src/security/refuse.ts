/**
 * The one shape of every refusal (wrong face, no token, cross-origin, too large): a status and one
 * plain line of text. No JSON, no detail from the request echoed back, never a stack trace.
 */
export function refuse(
  status: 401 | 403 | 404 | 413 | 415,
  line: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(`${status} ${line}\n`, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}
