import type { ErrorClassification, ErrorInput } from '../provider-definition.js';

type Json = Record<string, unknown>;
const object = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);

/** Copilot's `{error: {message, code}}` (or `{message}`), trimmed for the account view. */
function upstreamMessage(body: string): { message?: string; code?: string } {
  try {
    const parsed = object(JSON.parse(body));
    const error = object(parsed?.error);
    const message = [error?.message, parsed?.message].find((value) => typeof value === 'string' && value.trim()) as string | undefined;
    const code = [error?.code, parsed?.code].find((value) => typeof value === 'string') as string | undefined;
    return { message: message?.trim().slice(0, 300), code };
  } catch {
    return { message: body.trim().slice(0, 300) || undefined };
  }
}

function retryAfterMs(headers: Record<string, string>, now: number): number | undefined {
  const value = headers['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Copilot's errors with a reason the account view can show (reference §7.2 3 and the seed's "Provider 403 Fast Path"):
 * 403 on a chat call = the seat or the organisation's policy does not allow this model → that model cools down on this
 * account (other models keep working); 402 / `quota_exceeded` = the monthly premium requests are used up → the whole
 * account cools until the vendor's retry time; 429 = rate limited → `Retry-After` (or the usual back-off). Each moves
 * traffic to the next account.
 */
export function classifyCopilotError(input: ErrorInput): ErrorClassification | undefined {
  const { message, code } = upstreamMessage(input.body);
  const said = message ? `: ${message.replace(/[.\s]+$/, '')}` : '';
  if (input.status === 403) {
    const text = `GitHub Copilot refused ${input.model} for this account (not entitled${said}). Enable the model in the Copilot settings (github.com/settings/copilot) or check the organisation's policy and the seat.`;
    return { failure: { reason: 'payment_required', status: 403, message: text }, message: text };
  }
  if (input.status === 402 || code === 'quota_exceeded') {
    const text = `The GitHub Copilot premium requests of this account are used up${said}.`;
    return { failure: { reason: 'quota', status: input.status, retryAfterMs: retryAfterMs(input.headers, input.now) ?? 60 * 60_000, message: text, wholeCredential: true }, message: text, status: 429 };
  }
  if (input.status === 429) {
    const text = `GitHub Copilot rate-limited this account${said}.`;
    return { failure: { reason: 'quota', status: 429, retryAfterMs: retryAfterMs(input.headers, input.now), message: text }, message: text };
  }
  return undefined;
}
