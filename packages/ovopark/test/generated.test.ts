import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { spec } from '../src/index.js';

it('ships the bundle of specs/ovopark as its runtime spec', () => {
  const bundle: unknown = JSON.parse(
    readFileSync(new URL('../../../specs/ovopark/dist/openapi.json', import.meta.url), 'utf8'),
  );
  expect(spec).toEqual(bundle);
});
