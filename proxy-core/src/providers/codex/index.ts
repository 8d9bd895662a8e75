import { joinUrl, USER_AGENT } from '../forward-headers.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { CODEX_MODELS } from './models.js';

/**
 * OpenAI / Codex API keys (`codex-api-key`): the Responses API at `{base-url}/responses`, Bearer key.
 * The reference drops entries without `base-url`; the config loader warns about them.
 */
export const codexProvider: ProviderDefinition = {
  id: 'codex',
  displayName: 'OpenAI Responses (Codex) API key',
  format: 'openai-responses',
  defaultBaseUrl: 'https://api.openai.com/v1',
  catalog: CODEX_MODELS,
  operations: ['generate', 'compact'],
  buildRequest(call) {
    const base = call.credential.baseUrl || 'https://api.openai.com/v1';
    const path = call.operation === 'compact' ? '/responses/compact' : '/responses';
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: call.stream ? 'text/event-stream' : 'application/json',
      authorization: `Bearer ${call.credential.secret}`,
      'user-agent': USER_AGENT,
      ...call.credential.headers,
    };
    return { url: joinUrl(base, path), method: 'POST', headers, body: call.body };
  },
};
