/** Checks WeChat's success bodies against the bundled spec, with validators compiled once per process. */
import { OpenApiValidator, type ValidationIssue } from '@orderkit/openapi-ajv';
import spec from './generated/spec.js';

let validator: OpenApiValidator | undefined;

/** The schemas a success body must satisfy, by operation. */
export const SUCCESS_SCHEMA = {
  getOrder: '#/components/schemas/GetOrderSuccess',
  getAccessToken: '#/components/schemas/AccessTokenSuccess',
  getStableAccessToken: '#/components/schemas/AccessTokenSuccess',
} as const;

/** The issues of `value` against the schema at `pointer`; empty when it is valid. */
export function schemaIssues(pointer: string, value: unknown): readonly ValidationIssue[] {
  // Ajv compiles on first use of each pointer and OpenApiValidator caches the function.
  validator ??= new OpenApiValidator(spec);
  const result = validator.validate(pointer, value);
  return result.valid ? [] : result.issues;
}

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
