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
import { indexNodes, inferredWarnings, relaxInferred, type LenientResult } from './lenient.js';
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

function issueMessage(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
    const extra = e.params as { additionalProperty?: string; unevaluatedProperty?: string };
    return `has unknown property "${extra.additionalProperty ?? extra.unevaluatedProperty}"`;
  }
  if (e.keyword === 'enum')
    return `must be one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`;
  return e.message ?? 'is invalid';
}

function formatIssues(errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((e) => ({ path: e.instancePath, message: issueMessage(e) }));
}

function newAjv(options: OpenApiValidatorOptions, verbose = false): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false, // OpenAPI adds keywords (example, discriminator, x-…) that Ajv does not know
    allowUnionTypes: true,
    coerceTypes: options.coerceTypes ?? false,
    validateSchema: false,
    // validateLenient's second look: errors carry their schema object, located in the document
    // by identity. Off for plain validation, which hot paths (our endpoint under hostile input) use.
    verbose,
  });
  addFormats(ajv);
  return ajv;
}

export class OpenApiValidator {
  readonly #ajv: Ajv2020;
  readonly #cache = new Map<string, ValidateFunction>();
  readonly #options: OpenApiValidatorOptions;
  // Built on the first validateLenient that fails: a verbose Ajv over the document, one over the
  // relaxed copy, and the node index.
  #lenient:
    | {
        verbose: Ajv2020;
        verboseCache: Map<string, ValidateFunction>;
        relaxed: Ajv2020;
        relaxedCache: Map<string, ValidateFunction>;
        index: Map<object, string>;
      }
    | undefined;

  constructor(
    readonly doc: OpenApiDocument,
    options: OpenApiValidatorOptions = {},
  ) {
    this.#options = options;
    this.#ajv = newAjv(options);
    this.#ajv.addSchema(doc as object, DOC_ID);
  }

  #compile(ajv: Ajv2020, cache: Map<string, ValidateFunction>, pointer: string): ValidateFunction {
    let fn = cache.get(pointer);
    if (!fn) {
      resolvePointer(this.doc, pointer);
      fn = ajv.getSchema(DOC_ID + pointer);
      if (!fn) throw new Error(`no schema at ${pointer}`);
      cache.set(pointer, fn);
    }
    return fn;
  }

  /** Validates `value` against the schema at `pointer` (e.g. `#/components/schemas/Order`). */
  validate(pointer: string, value: unknown): ValidationResult {
    const fn = this.#compile(this.#ajv, this.#cache, pointer);
    return fn(value as Json) ? { valid: true } : { valid: false, issues: formatIssues(fn.errors) };
  }

  /**
   * Like `validate`, but what breaks only parts marked `x-orderkit-inferred` is a warning (naming
   * the path, the message and the spec file to correct), not an issue: see `lenient.ts`.
   * A value with only warnings is `valid`.
   */
  validateLenient(pointer: string, value: unknown): LenientResult {
    const strict = this.#compile(this.#ajv, this.#cache, pointer);
    if (strict(value as Json)) return { valid: true, warnings: [] };
    if (!this.#lenient) {
      const verbose = newAjv(this.#options, true);
      verbose.addSchema(this.doc as object, DOC_ID);
      const relaxed = newAjv(this.#options);
      relaxed.addSchema(relaxInferred(this.doc) as object, DOC_ID);
      this.#lenient = {
        verbose,
        verboseCache: new Map(),
        relaxed,
        relaxedCache: new Map(),
        index: indexNodes(this.doc),
      };
    }
    const located = this.#compile(this.#lenient.verbose, this.#lenient.verboseCache, pointer);
    located(value as Json);
    const errors = [...(located.errors ?? [])];
    const relaxed = this.#compile(this.#lenient.relaxed, this.#lenient.relaxedCache, pointer);
    const documentedOk = relaxed(value as Json);
    const hard = documentedOk ? [] : formatIssues(relaxed.errors);
    let warnings = inferredWarnings(this.doc, this.#lenient.index, errors, issueMessage);
    // The relaxed copy accepted what the document refused, yet no error sits inside a marked node
    // (e.g. a oneOf made ambiguous): still say what the document objected to.
    if (documentedOk && warnings.length === 0) {
      warnings = formatIssues(errors).map((i) => ({ ...i, schema: pointer, marker: {} }));
    }
    return documentedOk ? { valid: true, warnings } : { valid: false, issues: hard, warnings };
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
export {
  describeWarning,
  INFERRED_MARKER,
  type InferredMarker,
  type LenientResult,
  type ValidationWarning,
} from './lenient.js';
export { escapePointer, resolvePointer } from './pointer.js';
