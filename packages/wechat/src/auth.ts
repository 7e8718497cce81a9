/**
 * Authentication: the access_token goes into the query of every operation whose security asks for
 * it (never into the token calls), added by a per-request openapi-fetch middleware that carries
 * the token the call chose — so the call knows exactly which token a refusal refers to.
 */
import { requestWithUrl } from '@orderkit/core';
import type { Middleware } from 'openapi-fetch';
import spec from './generated/spec.js';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** `METHOD path` of every operation whose security requires the access_token, from the spec. */
export function operationsNeedingToken(): { operations: ReadonlySet<string>; parameter: string } {
  const doc = spec as unknown as {
    security?: Record<string, unknown>[];
    paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>>;
    components: { securitySchemes: Record<string, { type?: string; in?: string; name?: string }> };
  };
  const schemes = Object.entries(doc.components.securitySchemes).filter(
    ([, s]) => s.type === 'apiKey' && s.in === 'query',
  );
  const [schemeName, scheme] = schemes[0] ?? [];
  if (!schemeName || !scheme?.name)
    throw new Error('specs/wechat defines no query apiKey security scheme for access_token');
  const operations = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const security = operation.security ?? doc.security ?? [];
      if (security.some((requirement) => schemeName in requirement)) operations.add(`${method.toUpperCase()} ${path}`);
    }
  }
  return { operations, parameter: scheme.name };
}

const AUTH = operationsNeedingToken();

/** The middleware of one request that adds `token` where the spec's security asks for it. */
export function authorise(token: string): Middleware {
  return {
    onRequest: ({ request, schemaPath }) => {
      if (!AUTH.operations.has(`${request.method} ${schemaPath}`)) return undefined;
      return requestWithUrl(request, withQueryParameter(request.url, AUTH.parameter, token));
    },
  };
}

/**
 * `url` with `name=value` appended to its query, the rest of the URL kept byte for byte
 * (`URL.searchParams` would re-encode it, e.g. `%20` as `+`); `URL` only when `name` is there.
 */
export function withQueryParameter(url: string, name: string, value: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  if (base.includes(`${name}=`)) {
    const parsed = new URL(url);
    parsed.searchParams.set(name, value);
    return parsed.href;
  }
  return `${base}${base.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}${fragment}`;
}
