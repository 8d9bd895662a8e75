import { errorFromBody, ManagementApiError } from './api-error.js';

export interface Connection {
  /** Origin of the proxy, e.g. `http://127.0.0.1:8317` (no trailing slash). */
  baseUrl: string;
  /** The management key; null until the user (or the desktop app) supplied one. */
  key: string | null;
}

export interface TransportOptions {
  fetch: typeof fetch;
  /** Read on every call, so a new key applies at once. */
  connection: () => Connection;
  /** Called once per 401 so the app can ask for the key again. */
  onUnauthorized?: (error: ManagementApiError) => void;
  /** Per call, including reading the body. Default 10 s. */
  timeoutMs?: number;
}

export interface SendOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  /** An object is sent as JSON; a string as-is (with `contentType`). */
  body?: unknown;
  contentType?: string;
  /** 'json' (default), 'text', or 'stream' (resolves with the response once headers arrived). */
  expect?: 'json' | 'text' | 'stream';
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Send the management key (default true). `/health` and `/v1/*` use their own auth. */
  management?: boolean;
  headers?: Record<string, string>;
}

export type Transport = ReturnType<typeof createTransport>;

const DEFAULT_TIMEOUT_MS = 10_000;

/** The one place that calls `fetch`: timeouts, auth header, error shapes. */
export function createTransport(options: TransportOptions) {
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function send<T>(method: string, path: string, sendOptions: SendOptions = {}): Promise<T> {
    const { baseUrl, key } = options.connection();
    const management = sendOptions.management ?? true;
    const label = `${method} ${path}`;
    if (management && !key) {
      throw new ManagementApiError('The management key is needed to talk to the proxy.', { kind: 'unauthorized', status: 401 });
    }
    const url = new URL(path, `${baseUrl}/`);
    for (const [name, value] of Object.entries(sendOptions.query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: sendOptions.expect === 'text' ? 'text/plain, application/yaml, */*' : 'application/json', ...sendOptions.headers };
    if (management && key) headers.authorization = `Bearer ${key}`;
    let body: string | undefined;
    if (typeof sendOptions.body === 'string') {
      body = sendOptions.body;
      headers['content-type'] = sendOptions.contentType ?? 'text/plain; charset=utf-8';
    } else if (sendOptions.body !== undefined) {
      body = JSON.stringify(sendOptions.body);
      headers['content-type'] = 'application/json';
    }

    const timeoutMs = sendOptions.timeoutMs ?? defaultTimeout;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forwardAbort = () => controller.abort();
    sendOptions.signal?.addEventListener('abort', forwardAbort, { once: true });
    const failure = (error: unknown): ManagementApiError => {
      if (error instanceof ManagementApiError) return error;
      if (timedOut) {
        return new ManagementApiError(`The proxy did not answer within ${Math.round(timeoutMs / 1000)} s (${label}). It may be busy or stopped; this retries on its own.`, {
          kind: 'timeout',
        });
      }
      if (sendOptions.signal?.aborted) return new ManagementApiError(`${label} was cancelled.`, { kind: 'aborted' });
      return new ManagementApiError(`Cannot reach the proxy at ${baseUrl}. Check that it is running.`, { kind: 'network' });
    };
    const done = () => {
      clearTimeout(timer);
      sendOptions.signal?.removeEventListener('abort', forwardAbort);
    };

    let streaming = false;
    try {
      const response = await options.fetch(url.toString(), { method, headers, body, signal: controller.signal, cache: 'no-store' });
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        const error = errorFromBody(response.status, parsed, `${label} failed with HTTP ${response.status}.`);
        if (error.kind === 'unauthorized' && management) options.onUnauthorized?.(error);
        throw error;
      }
      if (sendOptions.expect === 'stream') {
        // The body is read for as long as the caller wants: no timeout, but the caller's signal still aborts it.
        clearTimeout(timer);
        streaming = true;
        return { response, cancel: () => controller.abort() } as T;
      }
      const text = await response.text();
      if (sendOptions.expect === 'text') return text as T;
      try {
        return (text ? JSON.parse(text) : {}) as T;
      } catch {
        throw new ManagementApiError(`The proxy sent an unreadable answer to ${label}.`, { kind: 'invalid-response', status: response.status });
      }
    } catch (error) {
      throw failure(error);
    } finally {
      if (!streaming) done();
    }
  }

  return { send };
}

/** Checks that an answer has the field a caller reads, so a wrong shape is an error, not a crash. */
export function field<T>(body: unknown, name: string, label: string): T {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (value === undefined) throw new ManagementApiError(`The proxy's answer to ${label} has no "${name}"; is it an older version?`, { kind: 'invalid-response' });
  return value as T;
}
