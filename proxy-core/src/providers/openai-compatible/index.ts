import { joinUrl, USER_AGENT } from '../forward-headers.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { listOpenAiCompatibleModels } from './list-models.js';

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
