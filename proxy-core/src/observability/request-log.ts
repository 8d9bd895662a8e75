import { promises as nodeFs } from 'node:fs';
import { join } from 'node:path';
import { createRequestCapture, type RequestCapture } from './request-capture.js';
import { formatRequestLog, type LogOutcome } from './request-log-format.js';

export interface RequestLogSettings {
  /** `request-log`: capture every request in full. */
  enabled: boolean;
  /** `error-logs-max-files`: error-only logs kept while `enabled` is off (0 = none written). */
  errorMaxFiles: number;
  /** `request-log-max-files`: full logs kept. */
  maxFiles: number;
  /** `request-log-body-limit-kb` in bytes. */
  bodyLimitBytes: number;
}

export type RequestLogFileSystem = Pick<typeof nodeFs, 'mkdir' | 'writeFile' | 'readdir' | 'stat' | 'unlink' | 'readFile' | 'chmod'>;

export interface RequestLogOptions {
  /** The data folder's `logs/` (shared with `main.log`; only this log's file names are touched). */
  dir: string;
  settings(): RequestLogSettings;
  redact(text: string): string;
  mask(value: string): string;
  fs?: RequestLogFileSystem;
  /** Told when a log cannot be written (a full disk must not fail requests). */
  onError?(message: string): void;
}

export interface RequestLogFile {
  name: string;
  requestId: string;
  /** `error` files are the error-only log's. */
  kind: 'request' | 'error';
  size: number;
  /** Epoch ms. */
  modified: number;
}

export interface RequestLog {
  /** A capture for one request, or undefined when nothing would be written (both logs off): then no work at all. */
  begin(start: { requestId: string; method: string; path: string; startedAt: number }): RequestCapture | undefined;
  /** Writes the file (full capture, or error-only for a status ≥ 400) in the background, then rotates. */
  finish(capture: RequestCapture, outcome: LogOutcome): void;
  list(): Promise<RequestLogFile[]>;
  /** The file of one request id (the newest, should an id repeat), or undefined. */
  readById(requestId: string): Promise<{ name: string; text: string } | undefined>;
  readFile(name: string): Promise<string | undefined>;
  /** Resolves when every write begun so far is done (tests, shutdown). */
  idle(): Promise<void>;
  /** The log's redaction, for text shown beside a log (a replay's answer). */
  redact(text: string): string;
}

/** `<path-with-dashes>-<YYYY-MM-DDTHHMMSS>-<id>.log`, `error-` in front for the error-only log (the reference's names). */
const LOG_NAME = /^(error-)?([a-z0-9][a-z0-9-]*)-(\d{4}-\d{2}-\d{2}T\d{6})-([A-Za-z0-9]+)\.log$/;

export function requestLogName(path: string, startedAt: number, requestId: string, error: boolean): string {
  const slug = path.split('?')[0].toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'root';
  const stamp = new Date(startedAt).toISOString().slice(0, 19).replace(/:/g, '');
  return `${error ? 'error-' : ''}${slug}-${stamp}-${requestId.replace(/[^A-Za-z0-9]/g, '')}.log`;
}

function parseName(name: string): { kind: 'request' | 'error'; requestId: string } | undefined {
  const match = LOG_NAME.exec(name);
  if (!match || match[2] === 'main') return undefined;
  return { kind: match[1] ? 'error' : 'request', requestId: match[4] };
}

export function createRequestLog(options: RequestLogOptions): RequestLog {
  const fs = options.fs ?? nodeFs;
  const pending = new Set<Promise<void>>();
  let ready: Promise<void> | undefined;

  const ensureDir = () => {
    ready ??= fs
      .mkdir(options.dir, { recursive: true, mode: 0o700 })
      .then(() => fs.chmod(options.dir, 0o700))
      .catch((error: Error) => {
        ready = undefined;
        throw error;
      });
    return ready;
  };

  const list = async (): Promise<RequestLogFile[]> => {
    const names = await fs.readdir(options.dir).catch(() => [] as string[]);
    const files: Array<RequestLogFile & { exact: number }> = [];
    for (const name of names) {
      const parsed = parseName(name);
      if (!parsed) continue;
      const stat = await fs.stat(join(options.dir, name)).catch(() => undefined);
      if (stat) files.push({ name, ...parsed, size: stat.size, modified: Math.floor(stat.mtimeMs), exact: stat.mtimeMs });
    }
    // Newest first, by the sub-millisecond modification time (files are written one after another).
    return files.sort((a, b) => b.exact - a.exact || b.name.localeCompare(a.name)).map(({ exact: _exact, ...file }) => file);
  };

  const rotate = async (kind: 'request' | 'error', keep: number) => {
    const files = (await list()).filter((file) => file.kind === kind);
    for (const file of files.slice(keep)) await fs.unlink(join(options.dir, file.name)).catch(() => undefined);
  };

  const write = async (capture: RequestCapture, outcome: LogOutcome, error: boolean, keep: number) => {
    await ensureDir();
    const name = requestLogName(capture.path, capture.startedAt, capture.requestId, error);
    const text = formatRequestLog(capture, outcome, options.redact, options.mask);
    await fs.writeFile(join(options.dir, name), text, { mode: 0o600 });
    await rotate(error ? 'error' : 'request', keep);
  };

  return {
    begin(start) {
      const settings = options.settings();
      if (!settings.enabled && settings.errorMaxFiles <= 0) return undefined;
      return createRequestCapture({ ...start, full: settings.enabled, bodyLimitBytes: settings.bodyLimitBytes });
    },
    finish(capture, outcome) {
      const settings = options.settings();
      // The switch may have moved since the request began: a full capture is written only while it is still on.
      const full = capture.full && settings.enabled;
      const error = !full && outcome.status >= 400;
      if (!full && !(error && !settings.enabled && settings.errorMaxFiles > 0)) return;
      const job = write(capture, outcome, error, full ? settings.maxFiles : settings.errorMaxFiles)
        .catch((cause: Error) => options.onError?.(`request-log: cannot write to ${options.dir}: ${cause.message}`))
        .finally(() => pending.delete(job));
      pending.add(job);
    },
    list,
    async readById(requestId) {
      const file = (await list()).find((entry) => entry.requestId === requestId);
      if (!file) return undefined;
      const text = await fs.readFile(join(options.dir, file.name), 'utf8').catch(() => undefined);
      return text === undefined ? undefined : { name: file.name, text };
    },
    async readFile(name) {
      if (!parseName(name)) return undefined;
      return fs.readFile(join(options.dir, name), 'utf8').catch(() => undefined);
    },
    redact: (text) => options.redact(text),
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
