export { ExchangeChecker, recordingFetch, type Operation, type RecordedExchange } from './exchange.js';
export {
  endpointBase,
  formatTable,
  runDStoreConformance,
  type CaseResult,
  type ConformanceOptions,
} from './dstore-conformance.js';
