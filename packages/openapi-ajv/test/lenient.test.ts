import { describe, expect, it } from 'vitest';
import { describeWarning, OpenApiValidator } from '../src/index.js';

const FILE = 'specs/acme/components/schemas/Inferred.yaml';

// A documented envelope around an inferred payload, the way provider specs are laid out.
const doc = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Answer: {
        type: 'object',
        required: ['stat'],
        properties: {
          stat: { type: 'object', required: ['code'], properties: { code: { type: ['string', 'integer'] } } },
          data: { anyOf: [{ $ref: '#/components/schemas/Page' }, { type: 'null' }] },
        },
      },
      Page: {
        type: 'object',
        'x-orderkit-inferred': { file: FILE, source: 'sibling APIs', confidence: 'low' },
        required: ['total', 'content'],
        properties: {
          total: { type: 'integer' },
          content: { type: 'array', items: { $ref: '#/components/schemas/Ticket' } },
        },
      },
      Ticket: {
        type: 'object',
        'x-orderkit-inferred': { source: 'a sibling method' },
        required: ['id'],
        properties: { id: { type: 'string' } },
      },
      Form: {
        allOf: [
          { type: 'object', required: ['_mt'], properties: { _mt: { const: 'm' } } },
          { $ref: '#/components/schemas/Params' },
        ],
        unevaluatedProperties: false,
      },
      Params: {
        type: 'object',
        'x-orderkit-inferred': { file: FILE },
        properties: { depId: { type: 'integer' } },
      },
    },
  },
};

describe('validateLenient', () => {
  const v = new OpenApiValidator(doc);
  const answer = '#/components/schemas/Answer';

  it('passes a value that matches everything, with no warnings', () => {
    expect(v.validateLenient(answer, { stat: { code: 0 }, data: { total: 1, content: [{ id: 'a' }] } })).toEqual({
      valid: true,
      warnings: [],
    });
  });

  it('turns a mismatch under an inferred node into a warning naming the path, message and file', () => {
    const result = v.validateLenient(answer, { stat: { code: '0' }, data: { records: [] } });
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        path: '/data',
        message: "must have required property 'total'",
        file: FILE,
        schema: '#/components/schemas/Page',
      }),
      expect.objectContaining({ path: '/data', message: "must have required property 'content'", file: FILE }),
    ]);
    expect(describeWarning(result.warnings[0]!)).toBe(
      `/data must have required property 'total' — an inferred part of the contract; correct ${FILE} (#/components/schemas/Page)`,
    );
  });

  it('attributes a nested mismatch to the nearest inferred node, file or not', () => {
    const result = v.validateLenient(answer, { stat: { code: 0 }, data: { total: 1, content: [{ id: 7 }] } });
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      {
        path: '/data/content/0/id',
        message: 'must be string',
        schema: '#/components/schemas/Ticket',
        marker: { source: 'a sibling method' },
      },
    ]);
  });

  it('keeps documented parts strict: a broken envelope is invalid, inferred mismatches still reported as warnings', () => {
    const result = v.validateLenient(answer, { stat: {}, data: { rows: [] } });
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.issues).toEqual([{ path: '/stat', message: "must have required property 'code'" }]);
    expect(result.warnings.map((w) => w.path)).toEqual(['/data', '/data']);
  });

  it('a wrong type where an inferred object was expected is a warning, not a failure', () => {
    const result = v.validateLenient(answer, { stat: { code: 0 }, data: [1, 2] });
    expect(result.valid).toBe(true);
    expect(result.warnings[0]).toMatchObject({ path: '/data', message: 'must be object', file: FILE });
  });

  it('counts an inferred node’s properties as evaluated, so a parent unevaluatedProperties:false stays strict on the rest', () => {
    expect(v.validateLenient('#/components/schemas/Form', { _mt: 'm', depId: 'x' })).toMatchObject({
      valid: true,
      warnings: [{ path: '/depId', message: 'must be integer', file: FILE }],
    });
    expect(v.validateLenient('#/components/schemas/Form', { _mt: 'n', depId: 1 })).toMatchObject({ valid: false });
  });

  it('leaves validate() strict', () => {
    expect(v.validate(answer, { stat: { code: 0 }, data: { records: [] } }).valid).toBe(false);
  });
});
