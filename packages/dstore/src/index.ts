export type * from './generated/openapi.js';
export { default as spec } from './generated/spec.js';
