/** A scripted `fetch` for unit tests of the client and stores: records every call, answers from a handler. */
export interface FakeCall {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

export type FakeHandler = (call: FakeCall) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function createFakeFetch(handler: FakeHandler) {
  const calls: FakeCall[] = [];
  const fakeFetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: FakeCall = {
      method: init.method ?? 'GET',
      url: new URL(String(input)),
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => [name.toLowerCase(), value])),
      body: typeof init.body === 'string' ? init.body : undefined,
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    if (call.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return handler(call);
  }) as typeof globalThis.fetch;
  return { fetch: fakeFetch, calls };
}

/** A fetch that never answers until its signal aborts (a proxy that hangs). */
export const hangingFetch = (call: FakeCall): Promise<Response> =>
  new Promise((_resolve, reject) => call.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

/** An in-memory Storage for the connection store. */
export function memoryStorage() {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}
