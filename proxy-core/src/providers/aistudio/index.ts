import { USER_AGENT } from '../forward-headers.js';
import { GEMINI_MODELS } from '../gemini/models.js';
import type { ModelInfo, ProviderDefinition } from '../provider-definition.js';

/** Where the browser tab sends the request (CLIProxyAPI aistudio_executor.go buildEndpoint: Generative Language v1beta). */
export const AISTUDIO_UPSTREAM = 'https://generativelanguage.googleapis.com/v1beta';

/** The `aistudio` catalogue: the Gemini key models plus the AI Studio aliases (inventory-providers §2.2). */
export const AISTUDIO_MODELS: readonly ModelInfo[] = [
  ...GEMINI_MODELS,
  { id: 'gemini-pro-latest', displayName: 'Gemini Pro Latest', contextLength: 1_048_576, maxOutputTokens: 65_536 },
  { id: 'gemini-flash-latest', displayName: 'Gemini Flash Latest', contextLength: 1_048_576, maxOutputTokens: 65_536 },
  { id: 'gemini-2.5-flash-image', displayName: 'Gemini 2.5 Flash Image', contextLength: 32_768, maxOutputTokens: 32_768, thinking: null },
];

/**
 * AI Studio Build relay: a browser tab connected to `/v1/ws` is one credential; requests travel over its socket.
 * The credential's base URL is `wsrelay://<session>` so the relaying HTTP client knows which socket carries it.
 */
export const aistudioProvider: ProviderDefinition = {
  id: 'aistudio',
  displayName: 'AI Studio Build (browser relay)',
  format: 'gemini',
  catalog: AISTUDIO_MODELS,
  operations: ['generate', 'count-tokens'],
  buildRequest(call) {
    const action = call.operation === 'count-tokens' ? 'countTokens' : call.stream ? 'streamGenerateContent' : 'generateContent';
    const path = `/models/${encodeURIComponent(call.model)}:${action}${call.stream ? '?alt=sse' : ''}`;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...call.credential.headers };
    return { url: `${call.credential.baseUrl ?? ''}${path}`, method: 'POST', headers, body: call.body };
  },
};
