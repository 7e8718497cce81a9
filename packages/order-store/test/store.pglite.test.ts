import { pgliteBackend } from './support.js';
import { defineStoreSuite } from './store-suite.js';

defineStoreSuite(pgliteBackend);
