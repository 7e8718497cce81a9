export { ExchangeChecker, recordingFetch, type Operation, type RecordedExchange } from './exchange.js';
export { printLive, rowsFor, verdictOf, type LiveRow, type PathKeyOf } from './live.js';
export { contractProvider, UsageError, type ContractProvider, type RunContext, type RunOption } from './provider.js';
