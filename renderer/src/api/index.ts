export { ManagementApiError, isManagementApiError, toApiError, type ApiErrorKind } from './api-error.js';
export { createManagementClient, type EntryLocator, type LogsQuery, type ManagementClient, type UsageQuery } from './management-client.js';
export { readSseStream, parseSseBlock, type SseMessage } from './sse.js';
export type { Connection, TransportOptions } from './transport.js';
export type * from './contract.js';
export * from './types.js';
