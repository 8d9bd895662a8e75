import { forwardHeaders, joinUrl, USER_AGENT } from '../forward-headers.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { CLAUDE_MODELS } from './models.js';

const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** Claude API keys (`claude-api-key`): Messages API, key in `x-api-key` on Anthropic's host, Bearer elsewhere. */
export const claudeProvider: ProviderDefinition = {
  id: 'claude',
  displayName: 'Claude API key',
  format: 'claude-messages',
  defaultBaseUrl: DEFAULT_BASE_URL,
  catalog: CLAUDE_MODELS,
  operations: ['generate', 'count-tokens'],
  buildRequest(call) {
    const base = call.credential.baseUrl || DEFAULT_BASE_URL;
    const path = call.operation === 'count-tokens' ? '/v1/messages/count_tokens' : '/v1/messages';
    const beta = call.clientQuery.get('beta');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: call.stream ? 'text/event-stream' : 'application/json',
      'anthropic-version': '2023-06-01',
      'user-agent': USER_AGENT,
    };
    forwardHeaders(call.clientHeaders, ['anthropic-version', 'anthropic-beta'], headers);
    if (base === DEFAULT_BASE_URL || new URL(base).hostname === 'api.anthropic.com') headers['x-api-key'] = call.credential.secret;
    else headers.authorization = `Bearer ${call.credential.secret}`;
    Object.assign(headers, call.credential.headers);
    return { url: joinUrl(base, path) + (beta ? `?beta=${encodeURIComponent(beta)}` : ''), method: 'POST', headers, body: call.body };
  },
};
