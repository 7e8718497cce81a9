/**
 * JSON Schema 2020-12 validation of values against an OpenAPI 3.1 document, with Ajv.
 *
 * Prism validates 3.1 schemas as draft 7 and drops undeclared form fields before validating, so
 * every layer that must be exact (spec tests, contract tests, our D-Store endpoint) validates with
 * this module instead.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { escapePointer, resolvePointer } from './pointer.js';

// ajv-formats is CommonJS with `exports.default`; TypeScript (NodeNext) types the default import
// as the module object, Node gives the function itself.
type AddFormats = typeof addFormatsModule.default;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

export interface ValidationIssue {
  /** JSON Pointer into the validated value, `''` for the value itself. */
  path: string;
  message: string;
}

export type ValidationResult = { valid: true } | { valid: false; issues: ValidationIssue[] };

export interface OpenApiValidatorOptions {
  /** Coerce strings to the schema's scalar types first (for form-encoded bodies). */
  coerceTypes?: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type OpenApiDocument = { [key: string]: unknown };

const DOC_ID = 'openapi.json';

function formatIssues(errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((e) => {
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
      const extra = (e.params as { additionalProperty?: string; unevaluatedProperty?: string });
      message = `has unknown property "${extra.additionalProperty ?? extra.unevaluatedProperty}"`;
    } else if (e.keyword === 'enum') {
      message = `must be one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`;
    }
    return { path: e.instancePath, message };
  });
}

export class OpenApiValidator {
  readonly #ajv: Ajv2020;
  readonly #cache = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDocument, options: OpenApiValidatorOptions = {}) {
    this.#ajv = new Ajv2020({
      allErrors: true,
      strict: false, // OpenAPI adds keywords (example, discriminator, x-…) that Ajv does not know
      allowUnionTypes: true,
      coerceTypes: options.coerceTypes ?? false,
      validateSchema: false,
    });
    addFormats(this.#ajv);
    this.#ajv.addSchema(doc as object, DOC_ID);
  }

  /** Validates `value` against the schema at `pointer` (e.g. `#/components/schemas/Order`). */
  validate(pointer: string, value: unknown): ValidationResult {
    let fn = this.#cache.get(pointer);
    if (!fn) {
      resolvePointer(this.doc, pointer);
      fn = this.#ajv.getSchema(DOC_ID + pointer);
      if (!fn) throw new Error(`no schema at ${pointer}`);
      this.#cache.set(pointer, fn);
    }
    return fn(value as Json) ? { valid: true } : { valid: false, issues: formatIssues(fn.errors) };
  }

  /** Pointer to the request-body schema of an operation. */
  requestBodyPointer(pathKey: string, method: string, mediaType = 'application/json'): string {
    return `#/paths/${escapePointer(pathKey)}/${method.toLowerCase()}/requestBody/content/${escapePointer(mediaType)}/schema`;
  }

  /** Pointer to a response-body schema of an operation (follows a `$ref` to components/responses). */
  responseBodyPointer(pathKey: string, method: string, status = '200', mediaType = 'application/json'): string {
    let base = `#/paths/${escapePointer(pathKey)}/${method.toLowerCase()}/responses/${status}`;
    const node = resolvePointer(this.doc, base) as { $ref?: string };
    if (node.$ref) base = node.$ref;
    return `${base}/content/${escapePointer(mediaType)}/schema`;
  }
}

export function describeIssues(result: ValidationResult): string {
  return result.valid ? 'valid' : result.issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ');
}

export { collectExamples, type SpecExample } from './examples.js';
export { escapePointer, resolvePointer } from './pointer.js';
