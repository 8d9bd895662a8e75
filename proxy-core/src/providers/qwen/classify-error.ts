import { extractUpstreamMessage, parseRetryAfterMs } from '../../pipeline/classify-upstream-error.js';
import type { ErrorClassification, ErrorInput } from '../provider-definition.js';

const QUOTA_CODES = new Set(['insufficient_quota', 'quota_exceeded']);

/** The daily free quota: `error.code` / `error.type` `insufficient_quota` | `quota_exceeded`, or the message says so. */
export function isQwenQuotaError(body: string): boolean {
  let error: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (parsed.error && typeof parsed.error === 'object') error = parsed.error as Record<string, unknown>;
  } catch {
    return false;
  }
  const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : '');
  if (QUOTA_CODES.has(lower(error.code)) || QUOTA_CODES.has(lower(error.type))) return true;
  const message = lower(error.message);
  return message.includes('insufficient_quota') || message.includes('quota exceeded');
}

/**
 * Qwen sends its daily quota as HTTP 403 (or 429) with `insufficient_quota`: that is a quota cooldown (429, the
 * next account takes over, `Retry-After` honoured), not the 30-minute "payment required" a plain 403 gets.
 * CLIProxyAPI qwen_executor.go `wrapQwenError`.
 */
export function classifyQwenError(input: ErrorInput): ErrorClassification | undefined {
  if ((input.status !== 403 && input.status !== 429) || !isQwenQuotaError(input.body)) return undefined;
  const upstream = extractUpstreamMessage(input.body);
  const message = `The Qwen account ${input.credential.label} has used up its quota${upstream ? ` (${upstream})` : ''}. Requests go to another Qwen account until it resets.`;
  return {
    status: 429,
    message,
    failure: { reason: 'quota', status: 429, message, retryAfterMs: parseRetryAfterMs(input.headers, input.body, input.now), wholeCredential: true },
  };
}
