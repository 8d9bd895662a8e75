import { formatLocalTime } from './local-time.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** What the ring buffer, the live tail and `GET /v0/management/logs` hand out. Already redacted. */
export interface LogEntry {
  /** Monotonic from 1 for the life of the logger; clients resume a tail with `after=<seq>`. */
  seq: number;
  /** Milliseconds since the epoch. */
  time: number;
  level: LogLevel;
  message: string;
  requestId?: string;
  fields?: Record<string, unknown>;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 0 && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * One line of text, no colours: `2026-11-23 22:15:54.123 INFO  [req 3fd96da9] message key=value`.
 * Line breaks in the message are escaped so a line-based reader (or `GET /logs`) sees one entry per line.
 */
export function formatLogLine(entry: LogEntry, offsetMinutes?: number, formatTime: (time: number) => string = (time) => formatLocalTime(time, offsetMinutes)): string {
  let line = `${formatTime(entry.time)} ${entry.level.toUpperCase().padEnd(5)} `;
  if (entry.requestId) line += `[req ${entry.requestId}] `;
  line += entry.message.replace(/\r?\n/g, '\\n');
  if (entry.fields) {
    // A field without a value (no model before the body was read, no account tried) is left out, never `model=undefined`.
    for (const [key, value] of Object.entries(entry.fields)) if (value !== undefined) line += ` ${key}=${formatValue(value)}`;
  }
  return line;
}
