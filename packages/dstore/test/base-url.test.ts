import { expect, it } from 'vitest';
import { posBaseUrl } from '../src/index.js';

it('posBaseUrl takes a base URL or the full endpoint URL', () => {
  expect(posBaseUrl('https://pos.example.com')).toBe('https://pos.example.com');
  expect(posBaseUrl('https://pos.example.com/api/')).toBe('https://pos.example.com/api');
  expect(posBaseUrl('http://127.0.0.1:3000/v2/pos/inquireOrderDetail')).toBe('http://127.0.0.1:3000');
  expect(posBaseUrl('https://pos.example.com/api/v2/pos/inquireOrderDetail/')).toBe('https://pos.example.com/api');
  expect(() => posBaseUrl('not a url')).toThrow(TypeError);
});
