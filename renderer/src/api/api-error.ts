export type ApiErrorKind = 'http' | 'unauthorized' | 'timeout' | 'network' | 'aborted' | 'invalid-response' | 'invalid-request';

interface ApiErrorDetails {
  kind: ApiErrorKind;
  status?: number | null;
  code?: string;
  line?: number;
  column?: number;
  configKey?: string;
}

/**
 * Every failure of a management call: what a person should read (`message`), and for config edits the
 * line, column and key the proxy reported. Never carries the management key.
 */
export class ManagementApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly code?: string;
  readonly line?: number;
  readonly column?: number;
  readonly configKey?: string;

  constructor(message: string, details: ApiErrorDetails) {
    super(message);
    this.name = 'ManagementApiError';
    this.kind = details.kind;
    this.status = details.status ?? null;
    this.code = details.code;
    this.line = details.line;
    this.column = details.column;
    this.configKey = details.configKey;
  }

  /** The endpoint does not exist on this proxy (an older version). */
  get notAvailable(): boolean {
    return this.kind === 'http' && (this.status === 404 || this.status === 405) && this.code !== 'disabled';
  }
}

export function isManagementApiError(error: unknown): error is ManagementApiError {
  return error instanceof ManagementApiError;
}

/** Any thrown value as a ManagementApiError (for stores that keep one error per resource). */
export function toApiError(error: unknown): ManagementApiError {
  if (error instanceof ManagementApiError) return error;
  return new ManagementApiError(error instanceof Error ? error.message : String(error), { kind: 'invalid-response' });
}

/** Reads the management error body (`{error, code, line, column, key}`) or a client-API error (`{error: {message}}`). */
export function errorFromBody(status: number, body: unknown, fallback: string): ManagementApiError {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const nested = record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>) : undefined;
  const message =
    typeof record.error === 'string' ? record.error : typeof nested?.message === 'string' ? nested.message : typeof record.message === 'string' ? record.message : fallback;
  const code = typeof record.code === 'string' ? record.code : typeof nested?.code === 'string' ? nested.code : undefined;
  return new ManagementApiError(message, {
    kind: status === 401 ? 'unauthorized' : 'http',
    status,
    code,
    line: typeof record.line === 'number' ? record.line : undefined,
    column: typeof record.column === 'number' ? record.column : undefined,
    configKey: typeof record.key === 'string' ? record.key : undefined,
  });
}
