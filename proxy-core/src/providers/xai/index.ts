import { joinUrl, USER_AGENT } from '../forward-headers.js';
import { openAiListModels, requestModelList } from '../model-list-http.js';
import type { ProviderDefinition, UpstreamCall } from '../provider-definition.js';
import { XAI_MODELS } from './models.js';

export const XAI_DEFAULT_BASE_URL = 'https://api.x.ai/v1';

/**
 * Request fields xAI's Responses API does not take; CLIProxyAPI deletes them before sending
 * (internal/runtime/executor/xai_executor_request.go, prepareResponsesRequestTo).
 */
const UNSUPPORTED_FIELDS = ['previous_response_id', 'prompt_cache_retention', 'safety_identifier', 'stream_options'] as const;

function withoutUnsupportedFields(body: Buffer): Buffer {
  if (!UNSUPPORTED_FIELDS.some((field) => body.includes(`"${field}"`))) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
  const copy = { ...(parsed as Record<string, unknown>) };
  for (const field of UNSUPPORTED_FIELDS) delete copy[field];
  return Buffer.from(JSON.stringify(copy));
}

/**
 * xAI API keys (`xai-api-key`, the reference's Codex-shaped entries; `base-url` required, normally
 * `https://api.x.ai/v1`): the Responses API at `{base-url}/responses` (and `/responses/compact`) with the key as
 * Bearer token, models from `GET {base-url}/models`. Token counts are estimated locally, as the reference does.
 */
export const xaiProvider: ProviderDefinition = {
  id: 'xai',
  displayName: 'xAI (Grok)',
  format: 'openai-responses',
  defaultBaseUrl: XAI_DEFAULT_BASE_URL,
  catalog: XAI_MODELS,
  operations: ['generate', 'compact'],
  async listModels(input) {
    const headers = { authorization: `Bearer ${input.token}`, accept: 'application/json', 'user-agent': USER_AGENT, ...input.credential.headers };
    const url = joinUrl(input.credential.baseUrl || XAI_DEFAULT_BASE_URL, '/models');
    return openAiListModels(await requestModelList(input.http, { url, headers }));
  },
  buildRequest(call: UpstreamCall) {
    const path = call.operation === 'compact' ? '/responses/compact' : '/responses';
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: call.stream ? 'text/event-stream' : 'application/json',
      authorization: `Bearer ${call.token}`,
      'user-agent': USER_AGENT,
      ...call.credential.headers,
    };
    const body = call.operation === 'generate' ? withoutUnsupportedFields(call.body) : call.body;
    return { url: joinUrl(call.credential.baseUrl || XAI_DEFAULT_BASE_URL, path), method: 'POST', headers, body };
  },
};
