import { ENGLISH_SAY, type Say } from './say.js';
import { createStore } from 'zustand/vanilla';
import { toApiError, type LogEntryView, type ManagementClient } from '../api/index.js';

export type LogLevel = LogEntryView['level'];
export type StreamStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

export interface LogFilters {
  /** Minimum level; server-side. */
  level: LogLevel | 'all';
  /** Exact request id; server-side. */
  requestId: string;
  /** Free text over message, request id and fields; applied in the page as you type. */
  text: string;
}

export interface LogsState {
  entries: LogEntryView[];
  /** Entries that arrived while paused (shown on resume). */
  held: LogEntryView[];
  paused: boolean;
  filters: LogFilters;
  status: StreamStatus;
  error: string | null;
  selectedSeq: number | null;
  start(): void;
  stop(): void;
  setFilters(filters: Partial<LogFilters>): void;
  pause(): void;
  resume(): void;
  clear(): void;
  select(seq: number | null): void;
}

export interface LogsDeps {
  client: ManagementClient;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Most entries kept in view. */
  limit?: number;
  /** The reconnect notice in the dashboard's language (English without one). */
  say?: Say;
}

export type LogsStore = ReturnType<typeof createLogsStore>;

const BACKOFF_MS = [1000, 2000, 5000, 10_000];

/** Does this entry contain the text (case-insensitive) in its message, request id or fields? */
export function matchesText(entry: LogEntryView, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  if (entry.message.toLowerCase().includes(needle) || entry.requestId?.toLowerCase().includes(needle)) return true;
  return entry.fields !== undefined && JSON.stringify(entry.fields).toLowerCase().includes(needle);
}

/**
 * The live tail: one streaming fetch of `/logs/stream` while the Logs page is open, reconnecting with
 * back-off (resuming after the last seen entry) when the connection drops.
 */
export function createLogsStore(deps: LogsDeps) {
  const say = deps.say ?? ENGLISH_SAY;
  const limit = deps.limit ?? 1000;
  let controller: AbortController | null = null;
  let retryTimer: unknown = null;
  let attempt = 0;
  let lastSeq = 0;
  let generation = 0;

  return createStore<LogsState>()((set, get) => {
    const append = (entry: LogEntryView) => {
      if (entry.seq <= lastSeq) return;
      lastSeq = entry.seq;
      if (get().paused) set({ held: [...get().held, entry].slice(-limit) });
      else set({ entries: [...get().entries, entry].slice(-limit) });
    };

    const connect = () => {
      const mine = ++generation;
      controller = new AbortController();
      const { level, requestId } = get().filters;
      set({ status: attempt === 0 ? 'connecting' : 'reconnecting' });
      deps.client
        .streamLogs(
          { level: level === 'all' ? undefined : level, requestId: requestId.trim() || undefined, after: lastSeq || undefined },
          {
            signal: controller.signal,
            onOpen: () => {
              if (mine !== generation) return;
              attempt = 0;
              set({ status: 'live', error: null });
            },
            onEntry: (entry) => {
              if (mine === generation) append(entry);
            },
          },
        )
        .then(
          () => scheduleRetry(mine, say('logs.closed')),
          (error) => scheduleRetry(mine, toApiError(error).message),
        );
    };

    const scheduleRetry = (mine: number, message: string) => {
      if (mine !== generation || controller?.signal.aborted) return;
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
      attempt += 1;
      set({ status: 'reconnecting', error: say('logs.reconnecting', { message, seconds: Math.round(delay / 1000) }) });
      retryTimer = deps.setTimeout(() => {
        retryTimer = null;
        if (mine === generation) connect();
      }, delay);
    };

    const disconnect = () => {
      generation++;
      controller?.abort();
      controller = null;
      if (retryTimer !== null) deps.clearTimeout(retryTimer);
      retryTimer = null;
    };

    return {
      entries: [],
      held: [],
      paused: false,
      filters: { level: 'all', requestId: '', text: '' },
      status: 'idle',
      error: null,
      selectedSeq: null,

      start() {
        if (controller) return;
        attempt = 0;
        connect();
      },
      stop() {
        disconnect();
        set({ status: 'idle' });
      },
      setFilters(filters) {
        const before = get().filters;
        const next = { ...before, ...filters };
        set({ filters: next });
        const serverSide = next.level !== before.level || next.requestId.trim() !== before.requestId.trim();
        if (serverSide && get().status !== 'idle') {
          disconnect();
          lastSeq = 0;
          attempt = 0;
          set({ entries: [], held: [], selectedSeq: null });
          connect();
        }
      },
      pause() {
        set({ paused: true });
      },
      resume() {
        set({ paused: false, entries: [...get().entries, ...get().held].slice(-limit), held: [] });
      },
      clear() {
        set({ entries: [], held: [], selectedSeq: null });
      },
      select(seq) {
        set({ selectedSeq: seq });
      },
    };
  });
}
