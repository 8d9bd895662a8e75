import type { HttpClient } from '../pipeline/http-client.js';
import { readBodyText } from '../pipeline/http-client.js';
import { createCancellation } from '../shared/cancellation.js';
import { isPermanentOAuthCode, OAuthError } from './oauth-error.js';

export interface OAuthResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body when it is JSON. */
  json: unknown;
}

export interface OAuthRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  timeoutMs?: number;
}

/** HTTP for logins, refreshes and quota calls: the proxy's own upstream client (so `proxy-url` applies). */
export interface OAuthHttp {
  request(request: OAuthRequest): Promise<OAuthResponse>;
}

export function createOAuthHttp(httpClient: HttpClient, proxyUrl: () => string | undefined = () => undefined): OAuthHttp {
  return {
    async request(request) {
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      let body: Buffer | undefined;
      if (request.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = Buffer.from(new URLSearchParams(request.form).toString());
      } else if (request.json !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = Buffer.from(JSON.stringify(request.json));
      }
      const signal = createCancellation();
      const timer = setTimeout(() => signal.cancel(), request.timeoutMs ?? 30_000);
      timer.unref();
      try {
        const response = await httpClient.send(
          { url: request.url, method: request.method ?? (body ? 'POST' : 'GET'), headers, body },
          { signal, proxyUrl: proxyUrl(), headersTimeoutMs: request.timeoutMs ?? 30_000 },
        );
        const text = await readBodyText(response.body, 4 * 1024 * 1024);
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        return { status: response.status, headers: response.headers, text, json };
      } catch (error) {
        const host = safeHost(request.url);
        // The HTTP client's own error already says "Could not reach <host>: …"; say it once.
        const reason = (error as Error).message;
        throw new OAuthError(signal.cancelled ? `${host} did not answer in time.` : reason.startsWith(`Could not reach ${host}`) ? reason : `Could not reach ${host}: ${reason}`, {
          code: 'unreachable',
          nextStep: 'Check the network connection (and proxy-url in config.yaml), then try again.',
          cause: error,
        });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

/** The `error` code of a token-endpoint answer: RFC 6749's `{error: "…"}` or a vendor's `{error: {code | type}}`. */
export function oauthErrorCode(response: OAuthResponse): string | undefined {
  const body = (response.json && typeof response.json === 'object' ? response.json : {}) as Record<string, unknown>;
  if (typeof body.error === 'string') return body.error.trim() || undefined;
  const nested = body.error && typeof body.error === 'object' ? (body.error as Record<string, unknown>) : undefined;
  const code = nested?.code ?? nested?.type;
  return typeof code === 'string' && code.trim() ? code.trim() : undefined;
}

/**
 * An RFC 8628 device-token poll that did not bring tokens: `pending`, `slow-down` (also for HTTP 429), or the
 * OAuthError it means (expired code, refused sign-in, any other error). Undefined when the answer holds tokens.
 * `vendor` names the provider in the messages ("The Qwen device code expired …").
 */
export function devicePollState(response: OAuthResponse, vendor: string): { status: 'pending' } | { status: 'slow-down' } | undefined {
  const code = oauthErrorCode(response);
  if (code === 'authorization_pending') return { status: 'pending' };
  if (code === 'slow_down' || response.status === 429) return { status: 'slow-down' };
  if (code === 'expired_token') throw new OAuthError(`The ${vendor} device code expired before it was approved.`, { code: 'expired', status: response.status, nextStep: 'Start the login again.' });
  if (code === 'access_denied') throw new OAuthError(`The sign-in was refused on the ${vendor} page.`, { code: 'access_denied', status: response.status, nextStep: 'Start the login again.' });
  if (response.status >= 400 || code) throw tokenEndpointError(response, `The ${vendor} device login`);
  return undefined;
}

/**
 * The error of a failed token-endpoint call (RFC 6749 §5.2 `{error, error_description}` or a vendor's own
 * `{error: {message, code}}`), as an OAuthError that says whether a new login is needed.
 */
export function tokenEndpointError(response: OAuthResponse, what: string): OAuthError {
  const body = (response.json && typeof response.json === 'object' ? response.json : {}) as Record<string, unknown>;
  const nested = body.error && typeof body.error === 'object' ? (body.error as Record<string, unknown>) : undefined;
  const code = oauthErrorCode(response) ?? (response.status === 429 ? 'rate_limited' : `http_${response.status}`);
  const description = [body.error_description, nested?.message, body.message].find((value) => typeof value === 'string' && value) as string | undefined;
  const permanent = isPermanentOAuthCode(code) || (response.status === 400 && /revoked|expired|invalid.*(grant|refresh)/i.test(description ?? ''));
  const retryAfter = Number(response.headers['retry-after']);
  return new OAuthError(`${what} failed (HTTP ${response.status}, ${code}${description ? `: ${description}` : ''}).`, {
    code: permanent ? 'invalid_grant' : code,
    status: response.status,
    permanent,
    retryAt: Number.isFinite(retryAfter) && retryAfter > 0 ? Date.now() + retryAfter * 1000 : undefined,
  });
}

/** A JSON object body or an OAuthError naming what was expected. */
export function jsonObject(response: OAuthResponse, what: string): Record<string, unknown> {
  if (response.status >= 400) throw tokenEndpointError(response, what);
  if (!response.json || typeof response.json !== 'object' || Array.isArray(response.json)) {
    throw new OAuthError(`${what} answered something that is not JSON (HTTP ${response.status}).`, { code: 'bad_response', status: response.status });
  }
  return response.json as Record<string, unknown>;
}
