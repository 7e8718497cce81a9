export { ExchangeChecker, recordingFetch, type Operation, type RecordedExchange } from './exchange.js';
