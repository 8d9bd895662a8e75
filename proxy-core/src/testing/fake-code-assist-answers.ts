import { randomBytes } from 'node:crypto';
import { asObject } from './fake-content.js';
import { answerGenerateContent } from './fake-responses-gemini.js';
import type { DefaultAnswerOptions } from './fake-tools.js';
import type { FakeResponse, RecordedRequest } from './fake-upstream-types.js';

const jsonHeaders = { 'content-type': 'application/json; charset=UTF-8' };

/** What a scripted Code Assist failure looks like (the shapes of inventory §2.3/§2.5 "Errors"). */
export type FakeCodeAssistFailure =
  /** 429 RESOURCE_EXHAUSTED with `ErrorInfo.reason = QUOTA_EXHAUSTED` (and RetryInfo when `retryDelay` is given). */
  | { kind: 'quota-exhausted'; retryDelay?: string }
  /** 429 RESOURCE_EXHAUSTED with `ErrorInfo.reason = RATE_LIMIT_EXCEEDED` and RetryInfo. */
  | { kind: 'rate-limit'; retryDelay: string }
  /** 429 RESOURCE_EXHAUSTED without a reason (Gemini CLI's usual quota answer); delays as RetryInfo and/or `quotaResetDelay`. */
  | { kind: 'resource-exhausted'; retryDelay?: string; quotaResetDelay?: string; message?: string }
  /** 503 UNAVAILABLE "No capacity available for model …". */
  | { kind: 'no-capacity' }
  /** The connection is cut without an answer (a host that is down or unreachable). */
  | { kind: 'drop' };

/** A Google RPC error body exactly as Code Assist writes it. */
export function googleRpcError(status: number, message: string, details: Array<Record<string, unknown>> = []): FakeResponse {
  const names: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 503: 'UNAVAILABLE' };
  const error: Record<string, unknown> = { code: status, message, status: names[status] ?? 'UNKNOWN' };
  if (details.length > 0) error.details = details;
  return { kind: 'json', status, headers: jsonHeaders, body: { error } };
}

export function failureAnswer(failure: FakeCodeAssistFailure, model: string): FakeResponse {
  const retry = (delay: string | undefined) => (delay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: delay }] : []);
  const info = (reason: string, metadata: Record<string, string> = {}) => ({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'cloudcode-pa.googleapis.com', metadata: { model, ...metadata } });
  switch (failure.kind) {
    case 'quota-exhausted':
      return googleRpcError(429, `You have exhausted your capacity on this model.${failure.retryDelay ? ` Your quota will reset after ${failure.retryDelay}.` : ''}`, [info('QUOTA_EXHAUSTED'), ...retry(failure.retryDelay)]);
    case 'rate-limit':
      return googleRpcError(429, 'Resource has been exhausted (e.g. check quota).', [info('RATE_LIMIT_EXCEEDED'), ...retry(failure.retryDelay)]);
    case 'resource-exhausted': {
      const details: Array<Record<string, unknown>> = [...retry(failure.retryDelay)];
      if (failure.quotaResetDelay) details.push({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', domain: 'cloudcode-pa.googleapis.com', metadata: { model, quotaResetDelay: failure.quotaResetDelay } });
      return googleRpcError(429, failure.message ?? 'Resource has been exhausted (e.g. check quota).', details);
    }
    case 'no-capacity':
      return googleRpcError(503, `No capacity available for model ${model} on the server`);
    case 'drop':
      return { kind: 'destroy' };
  }
}

/**
 * A generate / stream answer for the body inside `request`, wrapped the way Code Assist wraps it: `{response:
 * {...}, traceId}` for the body and for every SSE event (the default Gemini answers, unwrapped, underneath).
 */
export function wrappedGenerateAnswer(request: RecordedRequest, model: string, stream: boolean, options: DefaultAnswerOptions): FakeResponse {
  const inner = asObject(asObject(request.body)?.request) ?? {};
  const innerRequest: RecordedRequest = { ...request, body: inner, rawBody: Buffer.from(JSON.stringify(inner)) };
  const answer = answerGenerateContent(innerRequest, model, stream, options);
  const traceId = randomBytes(8).toString('hex');
  const wrap = (payload: unknown) => ({ response: payload, traceId });
  if (answer.kind === 'json' && (answer.status ?? 200) < 400) return { ...answer, body: Array.isArray(answer.body) ? answer.body.map(wrap) : wrap(answer.body) };
  if (answer.kind === 'sse') return { ...answer, events: answer.events.map((event) => ({ ...event, data: JSON.stringify(wrap(JSON.parse(event.data))) })) };
  return answer;
}

/** The envelope problems Google reports before it looks at the request (`Unknown name`, missing fields). */
export function envelopeProblem(body: unknown, allowed: readonly string[], options: { countTokens: boolean; antigravity: boolean }): string | undefined {
  const envelope = asObject(body);
  if (!envelope) return 'Invalid JSON payload received. Expected an object.';
  for (const key of Object.keys(envelope)) if (!allowed.includes(key)) return `Invalid JSON payload received. Unknown name "${key}": Cannot find field.`;
  const request = asObject(envelope.request);
  if (!request) return 'Invalid JSON payload received. Missing "request".';
  if (!Array.isArray(request.contents) || request.contents.length === 0) return '* GenerateContentRequest.contents: contents is not specified';
  const tools = JSON.stringify(request.tools ?? []);
  const unknown = /"(defer_loading|deferLoading)"/.exec(tools);
  if (unknown) return `Invalid JSON payload received. Unknown name "${unknown[1]}" at 'request.tools[0]': Cannot find field.`;
  for (const key of ['generationConfig', 'generation_config']) {
    const thinking = asObject(asObject(request[key])?.thinkingConfig) ?? asObject(asObject(request[key])?.thinking_config);
    if (thinking && 'includeThoughts' in thinking && 'include_thoughts' in thinking) return 'Invalid JSON payload received. Duplicate field "include_thoughts".';
  }
  if (options.countTokens) {
    if (envelope.project !== undefined || envelope.model !== undefined) return `Invalid JSON payload received. Unknown name "${envelope.project !== undefined ? 'project' : 'model'}": Cannot find field.`;
    return undefined;
  }
  if (typeof envelope.model !== 'string' || !envelope.model) return 'Request contains an invalid argument: "model" is required.';
  if (typeof envelope.project !== 'string' || !envelope.project) return 'Request contains an invalid argument: "project" is required.';
  if (options.antigravity && (typeof envelope.requestType !== 'string' || envelope.userAgent !== 'antigravity')) return 'Request contains an invalid argument: "requestType" and "userAgent" are required.';
  return undefined;
}
