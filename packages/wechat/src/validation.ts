/**
 * Checks WeChat's success bodies against the bundled spec, by operation, with one validator for the
 * spec (its compiled schemas shared by every client in the process). Strict where the spec
 * documents, lenient where it marks a part `x-orderkit-inferred` (none today): an answer that breaks
 * only an inferred part is accepted.
 */
import { OpenApiValidator, type ValidationIssue } from '@orderkit/openapi-ajv';
import type { WeChatOperation } from './errors.js';
import spec from './generated/spec.js';

let validator: OpenApiValidator | undefined;

/** The schema a success body must satisfy, by operation. */
export const SUCCESS_SCHEMA: Readonly<Record<WeChatOperation, string>> = {
  getOrder: '#/components/schemas/GetOrderSuccess',
  getAccessToken: '#/components/schemas/AccessTokenSuccess',
  getStableAccessToken: '#/components/schemas/AccessTokenSuccess',
};

/** Where `value` breaks the success schema of `operation`; empty when it is valid. */
export function successIssues(operation: WeChatOperation, value: unknown): readonly ValidationIssue[] {
  // Ajv compiles on first use of each pointer and OpenApiValidator caches the function.
  validator ??= new OpenApiValidator(spec);
  const result = validator.validateLenient(SUCCESS_SCHEMA[operation], value);
  return result.valid ? [] : result.issues;
}
