/** Vitest helpers shared by the spec packages' tests. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectExamples, describeIssues, OpenApiValidator, type OpenApiDocument } from './index.js';

/** Reads a spec package's bundle (`dist/openapi.json`, written by the `bundle` task). */
export function loadBundle(specPackageUrl: URL): OpenApiDocument {
  return JSON.parse(readFileSync(new URL('dist/openapi.json', specPackageUrl), 'utf8')) as OpenApiDocument;
}

/** One test per example in the document: it must satisfy the schema it illustrates. */
export function describeEveryExample(doc: OpenApiDocument, minimum: number): void {
  const validator = new OpenApiValidator(doc);
  const examples = collectExamples(doc);
  describe('every example validates against its schema (JSON Schema 2020-12)', () => {
    it(`finds at least ${minimum} examples`, () => {
      expect(examples.length).toBeGreaterThanOrEqual(minimum);
    });
    it.each(examples.map((e) => [e.where, e] as const))('%s', (_where, example) => {
      const result = validator.validate(example.schema, example.value);
      expect(result.valid, describeIssues(result)).toBe(true);
    });
  });
}

/** Asserts a value is rejected, and that the rejection names `path`. */
export function expectInvalid(validator: OpenApiValidator, pointer: string, value: unknown, path: string): void {
  const result = validator.validate(pointer, value);
  expect(result.valid, `expected ${JSON.stringify(value).slice(0, 80)} to be rejected`).toBe(false);
  if (!result.valid) expect(result.issues.map((i) => i.path)).toContain(path);
}

export function expectValid(validator: OpenApiValidator, pointer: string, value: unknown): void {
  const result = validator.validate(pointer, value);
  expect(result.valid, describeIssues(result)).toBe(true);
}
