import { createLocalTimeFormatter } from './local-time.js';
import { formatLogLine, LOG_LEVELS, type LogEntry, type LogLevel } from './log-format.js';
import { openLogFile, type LogFile, type LogFileOptions, type LogFileSystem } from './log-file.js';
import type { Redactor } from './redact.js';

export interface LogQuery {
  /** Only entries with a larger `seq` (resume a tail). */
  after?: number;
  /** Keep the newest N of the matching entries. */
  limit?: number;
  /** Minimum level. */
  level?: LogLevel;
  requestId?: string;
  /** Case-insensitive text in the message or the fields. */
  contains?: string;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger that stamps `requestId` on its entries; it shares the level, ring, subscribers and outputs. */
  child(bindings: { requestId: string }): Logger;
  /** True when entries of `level` are kept: lets callers skip building expensive fields. */
  enabled(level: LogLevel): boolean;
  setLevel(level: LogLevel): void;
  level(): LogLevel;
  /** Matching entries from the ring buffer, oldest first. */
  entries(query?: LogQuery): LogEntry[];
  /** Called synchronously for every kept entry (the live SSE tail). Returns the unsubscribe function. */
  subscribe(listener: (entry: LogEntry) => void): () => void;
  /** Also append lines to `<dir>/main.log` with rotation; `null` stops writing files. */
  setFileOutput(options: LogFileOptions | null): void;
  /** Closes the log file and drops subscribers. On a child logger it does nothing. */
  close(): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Entries kept in memory for the dashboard. Default 2000. */
  ringSize?: number;
  /** Receives each entry as one formatted line (e.g. stderr). */
  sink?: (line: string) => void;
  clock: () => number;
  redactor: Redactor;
  /** Fixed offset for the time in formatted lines; default the process's time zone. */
  timeZoneOffsetMinutes?: number;
  /** Injected file system for the log file (tests); default `node:fs`. */
  fs?: LogFileSystem;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogger(options: LoggerOptions): Logger {
  const { clock, redactor, sink } = options;
  const ringSize = Math.max(1, Math.floor(options.ringSize ?? 2000));
  const ring: Array<LogEntry | undefined> = new Array(ringSize);
  const listeners = new Set<(entry: LogEntry) => void>();
  let next = 0;
  let count = 0;
  let seq = 0;
  let minimum = RANK[options.level ?? 'info'];
  let file: LogFile | null = null;
  const formatTime = createLocalTimeFormatter(options.timeZoneOffsetMinutes);

  const store = (entry: LogEntry, toFile: boolean) => {
    ring[next] = entry;
    next = (next + 1) % ringSize;
    count = Math.min(count + 1, ringSize);
    if (sink || (toFile && file)) {
      const line = formatLogLine(entry, options.timeZoneOffsetMinutes, formatTime);
      if (sink) {
        try {
          sink(line);
        } catch {
          // A broken sink (closed stderr) must not break the request that logged.
        }
      }
      if (toFile && file) writeFile(line);
    }
    for (const listener of listeners) {
      try {
        listener(entry);
      } catch {
        // One broken subscriber (a dead SSE connection) must not stop the others.
      }
    }
  };

  const writeFile = (line: string) => {
    try {
      file!.write(line);
    } catch (error) {
      const failed = file!;
      file = null;
      try {
        failed.close();
      } catch {
        // Already broken.
      }
      const message = redactor.redact(`Stopped writing the log file ${failed.path}: ${(error as Error).message}. Check the disk space and permissions of the log folder, then turn file logging off and on again.`);
      store(Object.freeze({ seq: ++seq, time: clock(), level: 'error', message }), false);
    }
  };

  const emit = (level: LogLevel, requestId: string | undefined, message: string, fields: Record<string, unknown> | undefined) => {
    if (RANK[level] < minimum) return;
    const entry: LogEntry = { seq: ++seq, time: clock(), level, message: redactor.redact(String(message)) };
    if (requestId) entry.requestId = requestId;
    if (fields && Object.keys(fields).length > 0) entry.fields = redactor.redactValue(fields) as Record<string, unknown>;
    store(Object.freeze(entry), true);
  };

  const entries = (query: LogQuery = {}): LogEntry[] => {
    const after = query.after ?? 0;
    const level = query.level ? RANK[query.level] : 0;
    const needle = query.contains?.toLowerCase();
    const result: LogEntry[] = [];
    for (let index = 0; index < count; index += 1) {
      const entry = ring[(next - count + index + ringSize) % ringSize]!;
      if (entry.seq <= after || RANK[entry.level] < level) continue;
      if (query.requestId !== undefined && entry.requestId !== query.requestId) continue;
      if (needle && !entry.message.toLowerCase().includes(needle) && !(entry.fields && JSON.stringify(entry.fields).toLowerCase().includes(needle))) continue;
      result.push(entry);
    }
    return query.limit !== undefined && result.length > query.limit ? result.slice(result.length - Math.max(0, query.limit)) : result;
  };

  const make = (requestId: string | undefined, root: boolean): Logger => ({
    debug: (message, fields) => emit('debug', requestId, message, fields),
    info: (message, fields) => emit('info', requestId, message, fields),
    warn: (message, fields) => emit('warn', requestId, message, fields),
    error: (message, fields) => emit('error', requestId, message, fields),
    child: (bindings) => make(bindings.requestId, false),
    enabled: (level) => RANK[level] >= minimum,
    setLevel(level) {
      if (!(level in RANK)) throw new Error(`Unknown log level "${level}"; use one of ${LOG_LEVELS.join(', ')}.`);
      minimum = RANK[level];
    },
    level: () => LOG_LEVELS[minimum],
    entries,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setFileOutput(fileOptions) {
      file?.close();
      file = fileOptions ? openLogFile(fileOptions, { clock, fs: options.fs }) : null;
    },
    close() {
      if (!root) return;
      file?.close();
      file = null;
      listeners.clear();
    },
  });

  return make(undefined, true);
}
