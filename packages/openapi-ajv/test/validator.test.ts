import { describe, expect, it } from 'vitest';
import { collectExamples, describeIssues, OpenApiValidator, resolvePointer } from '../src/index.js';

const doc = {
  openapi: '3.1.0',
  paths: {
    '/a#m': {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Thing' },
              examples: { good: { value: { id: 'x' } }, bad: { $ref: '#/components/examples/Bad' } },
            },
          },
        },
        responses: { '200': { $ref: '#/components/responses/Ok' } },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: {
          id: { type: 'string', maxLength: 3, examples: ['abc', 'toolong'] },
          n: { type: 'integer', maximum: 100 },
        },
      },
    },
    examples: { Bad: { value: { id: 1 } } },
    responses: { Ok: { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } },
  },
};

describe('OpenApiValidator', () => {
  const v = new OpenApiValidator(doc);
  it('validates against a component schema and names the failing path', () => {
    expect(v.validate('#/components/schemas/Thing', { id: 'abc' })).toEqual({ valid: true });
    const bad = v.validate('#/components/schemas/Thing', { id: 'abcd', extra: true });
    expect(describeIssues(bad)).toBe('(root) has unknown property "extra"; /id must NOT have more than 3 characters');
  });
  it('finds request and response schemas of an operation, fragment path keys included', () => {
    expect(v.requestBodyPointer('/a#m', 'POST')).toBe(
      '#/paths/~1a#m/post/requestBody/content/application~1json/schema',
    );
    expect(v.responseBodyPointer('/a#m', 'post')).toBe('#/components/responses/Ok/content/application~1json/schema');
    expect(v.validate(v.requestBodyPointer('/a#m', 'post'), { id: 'ok' }).valid).toBe(true);
  });
  it('coerces form strings only when asked', () => {
    const form = new OpenApiValidator(doc, { coerceTypes: true });
    expect(form.validate('#/components/schemas/Thing', { id: 'a', n: '5' }).valid).toBe(true);
    expect(form.validate('#/components/schemas/Thing', { id: 'a', n: '500' }).valid).toBe(false);
    expect(v.validate('#/components/schemas/Thing', { id: 'a', n: '5' }).valid).toBe(false);
  });
  it('refuses a pointer that does not exist', () => {
    expect(() => v.validate('#/components/schemas/Nope', {})).toThrow('#/components/schemas/Nope does not exist');
    expect(() => resolvePointer(doc, 'components')).toThrow('not a local JSON pointer');
  });
});

describe('collectExamples', () => {
  const v = new OpenApiValidator(doc);
  const examples = collectExamples(doc);
  it('finds schema, media-type and referenced examples', () => {
    expect(examples.map((e) => e.where).sort()).toEqual([
      '#/components/schemas/Thing/properties/id/examples/0',
      '#/components/schemas/Thing/properties/id/examples/1',
      '#/paths/~1a#m/post/requestBody/content/application~1json/examples/bad',
      '#/paths/~1a#m/post/requestBody/content/application~1json/examples/good',
    ]);
  });
  it('lets a test catch the broken ones', () => {
    const broken = examples.filter((e) => !v.validate(e.schema, e.value).valid).map((e) => e.where);
    expect(broken.sort()).toEqual([
      '#/components/schemas/Thing/properties/id/examples/1',
      '#/paths/~1a#m/post/requestBody/content/application~1json/examples/bad',
    ]);
  });
});
