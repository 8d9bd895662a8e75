/**
 * Google RPC error bodies (`{error: {code, message, status, details[]}}`, sometimes wrapped in an array) as
 * Code Assist sends them, with the two details the routing needs: `google.rpc.ErrorInfo` (`reason`,
 * `metadata.quotaResetDelay`) and `google.rpc.RetryInfo` (`retryDelay`). Inventory §2.3/§2.5 "Errors".
 */

const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';
const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';

export interface GoogleRpcError {
  code?: number;
  /** `RESOURCE_EXHAUSTED`, `UNAVAILABLE`, `PERMISSION_DENIED`, … */
  status?: string;
  message: string;
  /** `ErrorInfo.reason`: `QUOTA_EXHAUSTED`, `RATE_LIMIT_EXCEEDED`, … */
  reason?: string;
  /** `ErrorInfo.metadata` (e.g. `quotaResetDelay`, `model`). */
  metadata: Record<string, string>;
  /** `RetryInfo.retryDelay` in milliseconds. */
  retryDelayMs?: number;
  /** `ErrorInfo.metadata.quotaResetDelay` in milliseconds. */
  quotaResetDelayMs?: number;
  /** "…reset after 37s." / "after 1h2m3s" in the message, in milliseconds. */
  messageDelayMs?: number;
}

const UNITS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000_001 };

/** A Go/protobuf duration (`0.847655010s`, `373.801628ms`, `1h2m3s`, `37s`) in milliseconds. */
export function parseGoogleDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g)) total += Number(match[1]) * UNITS[match[2]];
  return total;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The error of a Google RPC body, or undefined when the body is not one. */
export function parseGoogleRpcError(body: string): GoogleRpcError | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const error = asRecord(asRecord(Array.isArray(parsed) ? parsed[0] : parsed)?.error);
  if (!error) return undefined;
  const result: GoogleRpcError = {
    code: typeof error.code === 'number' ? error.code : undefined,
    status: typeof error.status === 'string' ? error.status : undefined,
    message: typeof error.message === 'string' ? error.message : '',
    metadata: {},
  };
  for (const detail of Array.isArray(error.details) ? error.details : []) {
    const record = asRecord(detail);
    if (!record) continue;
    if (record['@type'] === RETRY_INFO && typeof record.retryDelay === 'string') result.retryDelayMs ??= parseGoogleDuration(record.retryDelay);
    if (record['@type'] === ERROR_INFO) {
      if (typeof record.reason === 'string' && result.reason === undefined) result.reason = record.reason;
      for (const [key, value] of Object.entries(asRecord(record.metadata) ?? {})) if (typeof value === 'string') result.metadata[key] = value;
    }
  }
  if (result.metadata.quotaResetDelay) result.quotaResetDelayMs = parseGoogleDuration(result.metadata.quotaResetDelay);
  const after = /after\s+(\d+)s\b/i.exec(result.message) ?? /after\s+((?:\d+h)?(?:\d+m)?(?:\d+s)?)/i.exec(result.message);
  if (after?.[1]) result.messageDelayMs = /^\d+$/.test(after[1]) ? Number(after[1]) * 1000 : parseGoogleDuration(after[1].toLowerCase());
  return result;
}

/** How long Google asks us to wait: RetryInfo, then `quotaResetDelay`, then the message (the reference's order). */
export function googleRetryDelayMs(error: GoogleRpcError | undefined): number | undefined {
  if (!error) return undefined;
  return error.retryDelayMs ?? error.quotaResetDelayMs ?? error.messageDelayMs;
}
