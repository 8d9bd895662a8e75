/**
 * One error type for the whole proxy. `scope` drives routing:
 *  - `request`      the client's request is at fault; answer at once, never fail over
 *  - `credential`   this credential cannot serve this model now; cool it down and try the next one
 *  - `upstream`     the upstream failed transiently; try the next credential
 *  - `client-abort` the client went away; stop quietly
 */
export type ErrorScope = 'request' | 'credential' | 'upstream' | 'client-abort';

/** Stable machine codes; every format's error encoder maps them to its own vocabulary. */
export type ErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'body_too_large'
  | 'missing_api_key'
  | 'invalid_api_key'
  | 'forbidden'
  | 'model_not_found'
  | 'route_not_found'
  | 'model_cooldown'
  | 'no_credentials'
  | 'upstream_error'
  | 'upstream_unreachable'
  | 'upstream_stream_error'
  | 'unsupported'
  | 'client_abort'
  | 'internal_error';

const marker = Symbol.for('cliproxy.ProxyError');

export interface ProxyErrorOptions {
  status: number;
  code: ErrorCode;
  scope?: ErrorScope;
  retryable?: boolean;
  /** Seconds until a retry may succeed; becomes a `Retry-After` header. */
  retryAfterSeconds?: number;
  /** Extra fields a format may add to its error body (e.g. `reset_seconds`). */
  details?: Record<string, unknown>;
  /** Extra response headers. */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class ProxyError extends Error {
  readonly [marker] = true;
  readonly status: number;
  readonly code: ErrorCode;
  readonly scope: ErrorScope;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(message: string, options: ProxyErrorOptions) {
    super(message, { cause: options.cause });
    this.name = 'ProxyError';
    this.status = options.status;
    this.code = options.code;
    this.scope = options.scope ?? 'request';
    this.retryable = options.retryable ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
  }

  static isInstance(value: unknown): value is ProxyError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** An upstream answered with a non-success status. Keeps what the upstream said for the client. */
export class UpstreamHttpError extends ProxyError {
  readonly upstreamStatus: number;
  readonly upstreamBody: string;
  readonly upstreamHeaders: Record<string, string>;
  readonly upstreamMessage: string;

  constructor(
    message: string,
    options: ProxyErrorOptions & { upstreamStatus: number; upstreamBody: string; upstreamHeaders: Record<string, string>; upstreamMessage: string },
  ) {
    super(message, options);
    this.name = 'UpstreamHttpError';
    this.upstreamStatus = options.upstreamStatus;
    this.upstreamBody = options.upstreamBody;
    this.upstreamHeaders = options.upstreamHeaders;
    this.upstreamMessage = options.upstreamMessage;
  }
}

export function invalidRequest(message: string, details?: Record<string, unknown>): ProxyError {
  return new ProxyError(message, { status: 400, code: 'invalid_request', details });
}

export function toProxyError(error: unknown): ProxyError {
  if (ProxyError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProxyError(`Internal error in the proxy: ${message}`, { status: 500, code: 'internal_error', cause: error });
}
