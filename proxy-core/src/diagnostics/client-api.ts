import { createCancellation } from '../shared/cancellation.js';
import type { Clock } from '../shared/clock.js';
import { maskSecret } from '../shared/mask.js';
import type { ClientApi, ClientResponse } from './context.js';

export interface ClientApiOptions {
  /** The proxy's own address, e.g. `http://127.0.0.1:8317` (see `loopbackUrl`); a function when it is known only after listen. */
  baseUrl: string | (() => string);
  /** The client key to send (the first of api-keys), read at request time; undefined when api-keys is empty. */
  key(): string | undefined;
  fetch?: typeof fetch;
  /** Measures and times requests out (tests inject one to end a 12 s wait at once); default the system's timers. */
  clock?: Clock;
  /**
   * The proxy's token for its own probes (`x-cliproxy-diagnostic`): requests that carry it stay out of the
   * request log's warnings and usage. Undefined when this caller has none (doctor without control.json).
   */
  diagnosticToken?(): string | undefined;
}

const DEFAULT_TIMEOUT_MS = 8000;

/** The URL a process on this machine uses to reach a server bound to `host:port` (wildcards → loopback). */
export function loopbackUrl(host: string, port: number): string {
  const reachable = host === '' || host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * The proxy's client API as a client tool reaches it. Bodies are read to the end within the timeout; a stream
 * that stalls comes back with what arrived and `timedOut`. Nothing here throws.
 */
export function createClientApi(options: ClientApiOptions): ClientApi {
  const fetchImpl = options.fetch ?? fetch;
  const base = typeof options.baseUrl === 'function' ? options.baseUrl : () => options.baseUrl as string;
  /** Calls `onTimeout` after `ms` unless stopped first; returns the stop function. */
  const startTimer = (ms: number, onTimeout: () => void): (() => void) => {
    if (!options.clock) {
      const timer = setTimeout(onTimeout, ms);
      timer.unref?.();
      return () => clearTimeout(timer);
    }
    const stop = createCancellation();
    options.clock.sleep(ms, stop).then(onTimeout, () => undefined);
    return () => stop.cancel();
  };
  return {
    get baseUrl() {
      return base();
    },
    keyLabel: () => {
      const key = options.key();
      return key ? maskSecret(key) : null;
    },
    async request(path, init = {}) {
      const now = options.clock?.now ?? Date.now;
      const started = now();
      const controller = new AbortController();
      const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      let timedOut = false;
      const stopTimer = startTimer(timeoutMs, () => {
        timedOut = true;
        controller.abort();
      });
      const headers: Record<string, string> = {};
      const token = options.diagnosticToken?.();
      if (token) headers['x-cliproxy-diagnostic'] = token;
      const key = init.withKey === false ? undefined : options.key();
      if (key) headers.authorization = `Bearer ${key}`;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const result: ClientResponse = { status: 0, headers: {}, text: '', elapsedMs: 0 };
      try {
        const response = await fetchImpl(`${base()}${path}`, {
          method: init.method ?? 'GET',
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: controller.signal,
        });
        result.status = response.status;
        response.headers.forEach((value, name) => {
          result.headers[name] = value;
        });
        if (response.body) {
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          try {
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              result.text += decoder.decode(value, { stream: true });
            }
            result.text += decoder.decode();
          } catch (error) {
            result.error = timedOut ? `no end of the answer within ${Math.round(timeoutMs / 1000)} s` : `the answer broke off: ${(error as Error).message}`;
          }
        }
      } catch (error) {
        result.error = timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : `could not connect to ${base()}: ${describe(error)}`;
      } finally {
        stopTimer();
      }
      if (timedOut) result.timedOut = true;
      result.elapsedMs = now() - started;
      return result;
    },
  };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

/** The JSON body of a response, or undefined. */
export function jsonOf(response: ClientResponse): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    return undefined;
  }
}

/** The proxy's own error message from an error body in any client dialect. */
export function errorMessageOf(response: ClientResponse): string | undefined {
  const body = jsonOf(response) as { error?: { message?: unknown } | string; message?: unknown } | undefined;
  if (!body) return response.error;
  if (typeof body.error === 'string') return body.error;
  if (body.error && typeof body.error.message === 'string') return body.error.message;
  if (typeof body.message === 'string') return body.message;
  return response.error;
}

/** Model ids of an OpenAI-style `GET /v1/models` answer. */
export function modelIdsOf(response: ClientResponse): string[] | undefined {
  const body = jsonOf(response) as { data?: Array<{ id?: unknown }> } | undefined;
  if (!body || !Array.isArray(body.data)) return undefined;
  return body.data.map((model) => model.id).filter((id): id is string => typeof id === 'string');
}
