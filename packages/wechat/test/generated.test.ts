import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { spec } from '../src/index.js';

it('ships the bundle of specs/wechat as its runtime spec', () => {
  const bundle: unknown = JSON.parse(
    readFileSync(new URL('../../../specs/wechat/dist/openapi.json', import.meta.url), 'utf8'),
  );
  expect(spec).toEqual(bundle);
});
