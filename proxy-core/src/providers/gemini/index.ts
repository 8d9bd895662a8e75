import { joinUrl, USER_AGENT } from '../forward-headers.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { GEMINI_MODELS } from './models.js';
import { listGeminiModels } from './list-models.js';

const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

/** Gemini API keys (`gemini-api-key`): generateContent on v1beta, key in `x-goog-api-key`, streams as SSE. */
export const geminiProvider: ProviderDefinition = {
  id: 'gemini',
  displayName: 'Gemini API key',
  format: 'gemini',
  defaultBaseUrl: DEFAULT_BASE_URL,
  catalog: GEMINI_MODELS,
  operations: ['generate', 'count-tokens'],
  listModels: listGeminiModels,
  buildRequest(call) {
    const base = call.credential.baseUrl || DEFAULT_BASE_URL;
    const action = call.operation === 'count-tokens' ? 'countTokens' : call.stream ? 'streamGenerateContent' : 'generateContent';
    const versioned = /\/v1(beta|alpha)?$/.test(base.replace(/\/+$/, '')) ? base : joinUrl(base, '/v1beta');
    const url = joinUrl(versioned, `/models/${encodeURIComponent(call.model)}:${action}`) + (call.stream ? '?alt=sse' : '');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-goog-api-key': call.token,
      'user-agent': USER_AGENT,
      ...call.credential.headers,
    };
    return { url, method: 'POST', headers, body: call.body };
  },
};
