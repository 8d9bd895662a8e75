import type { ErrorClassification, ErrorInput } from '../provider-definition.js';

type Json = Record<string, unknown>;

/**
 * iFlow's business errors arrive with HTTP 200 as `{"status": "<code>", "msg": "…"}` (or `message` / `body`):
 * 401/403/439 mean the key is not accepted (→ 401), 429 is a rate limit, anything else an upstream failure (→ 502).
 * cliproxyapi-plusplus pkg/llmproxy/executor/iflow_executor.go `detectIFlowProviderError`.
 */
export function iflowAnswerError(body: string): { status: number; body: string } | undefined {
  let parsed: Json;
  try {
    parsed = JSON.parse(body) as Json;
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const status = String(parsed.status ?? '').trim();
  if (!status || status === '0' || status === '200' || 'choices' in parsed || parsed.object === 'chat.completion') return undefined;
  const message = [parsed.msg, parsed.message, parsed.body].find((value) => typeof value === 'string' && value.trim()) as string | undefined;
  const mapped = ['401', '403', '439'].includes(status) ? 401 : status === '429' ? 429 : 502;
  return { status: mapped, body: JSON.stringify({ error: { message: `iFlow error ${status}: ${message?.trim() ?? 'unknown provider error'}`, code: status } }) };
}

/**
 * A 406 (iFlow refusing the request's shape, seen on `glm-4.7` streams): retry the same account once without
 * streaming (`upstreamStreams` turns variant 1 into a one-piece call the client still receives as a stream). A 406
 * on that retry too is the request's fault: no cooldown, so the client's fallback route (model chain) is tried.
 */
export function classifyIflowError(input: ErrorInput): ErrorClassification | undefined {
  if (input.status !== 406) return undefined;
  if (input.variant === 0) return { retrySameCredential: {} };
  return { failure: null, message: `iFlow does not accept this request for ${input.model} (HTTP 406), even without streaming. Use another model, or a fallback in model-chains.` };
}
