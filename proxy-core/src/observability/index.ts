export { createRedactor, type Redactor } from './redact.js';
export { createLogger, type Logger, type LoggerOptions, type LogQuery } from './logger.js';
export { formatLogLine, LOG_LEVELS, type LogEntry, type LogLevel } from './log-format.js';
export type { LogFileOptions, LogFileSystem } from './log-file.js';
export { createUsageStore, type UsageRecord, type UsageStore, type UsageStoreOptions } from './usage-store.js';
export type { UsageFilters, UsageGroupBy, UsageRow, UsageSummary } from './usage-queries.js';
export { SCHEMA_VERSION as USAGE_SCHEMA_VERSION } from './usage-database.js';
export { createProviderMetrics, type ProviderMetrics, type ProviderMetricsEntry } from './provider-metrics.js';
export { nearestRank } from './percentile.js';
