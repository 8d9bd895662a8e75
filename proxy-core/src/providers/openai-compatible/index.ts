import { joinUrl, USER_AGENT } from '../forward-headers.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { listOpenAiCompatibleModels } from './list-models.js';

/**
 * An `openai-compatibility` entry with `wire-api: responses`: the vendor's Responses API at `{base-url}/responses`
 * (and `/responses/compact`), Bearer key, models from `{base-url}/models` like any OpenAI-compatible entry.
 */
export const openAiCompatibleResponsesProvider: ProviderDefinition = {
  id: 'openai-compatible-responses',
  displayName: 'OpenAI-compatible (Responses API)',
  format: 'openai-responses',
  catalog: [],
  operations: ['generate', 'compact'],
  listModels: listOpenAiCompatibleModels,
  buildRequest(call) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: call.stream ? 'text/event-stream' : 'application/json',
      authorization: `Bearer ${call.token}`,
      'user-agent': USER_AGENT,
      ...call.credential.headers,
    };
    const path = call.operation === 'compact' ? '/responses/compact' : '/responses';
    return { url: joinUrl(call.credential.baseUrl ?? '', path), method: 'POST', headers, body: call.body };
  },
};

/**
 * Any OpenAI-compatible base URL (`openai-compatibility`): Chat Completions at `{base-url}/chat/completions`.
 * Models come only from the entry's `models` list.
 */
export const openAiCompatibleProvider: ProviderDefinition = {
  id: 'openai-compatible',
  displayName: 'OpenAI-compatible',
  format: 'openai-chat',
  catalog: [],
  operations: ['generate'],
  listModels: listOpenAiCompatibleModels,
  buildRequest(call) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: call.stream ? 'text/event-stream' : 'application/json',
      authorization: `Bearer ${call.token}`,
      'user-agent': USER_AGENT,
      ...call.credential.headers,
    };
    return { url: joinUrl(call.credential.baseUrl ?? '', '/chat/completions'), method: 'POST', headers, body: call.body };
  },
};
