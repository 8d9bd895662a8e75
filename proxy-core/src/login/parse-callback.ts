/** What a callback carries: the code and state, or the vendor's error. */
export interface CallbackParams {
  code?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
}

/**
 * Reads what a user pasted: the whole address the browser ended on (`http://localhost:54545/callback?code=…&state=…`),
 * just its query string, Claude's `code#state` form, or the bare code. Undefined when nothing usable is there.
 */
export function parsePastedCallback(text: string): CallbackParams | undefined {
  const value = text.trim();
  if (!value) return undefined;
  let query: URLSearchParams | undefined;
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      query = url.searchParams;
      // Some vendors put the parameters in the fragment.
      if (!query.has('code') && !query.has('error') && url.hash.length > 1) query = new URLSearchParams(url.hash.slice(1));
    } catch {
      return undefined;
    }
  } else if (/(^|[?&])(code|error)=/.test(value)) {
    query = new URLSearchParams(value.replace(/^\?/, ''));
  }
  if (query) return fromQuery(query);
  if (/\s/.test(value)) return undefined;
  const hash = value.indexOf('#');
  if (hash > 0) return { code: value.slice(0, hash), state: value.slice(hash + 1) || undefined };
  return { code: value };
}

export function fromQuery(query: URLSearchParams): CallbackParams | undefined {
  const params: CallbackParams = {
    code: query.get('code') ?? undefined,
    state: query.get('state') ?? undefined,
    error: query.get('error') ?? undefined,
    errorDescription: query.get('error_description') ?? undefined,
  };
  if (params.code?.includes('#') && !params.state) {
    const [code, state] = params.code.split('#', 2);
    params.code = code;
    params.state = state || undefined;
  }
  return params.code || params.error ? params : undefined;
}
