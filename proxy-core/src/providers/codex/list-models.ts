import { joinUrl, USER_AGENT } from '../forward-headers.js';
import { isObject, openAiListModels, requestModelList, uniqueModels } from '../model-list-http.js';
import type { ModelInfo, ModelListInput } from '../provider-definition.js';
import { CODEX_ENDPOINTS, CODEX_ORIGINATOR, CODEX_USER_AGENT } from './oauth-endpoints.js';

/** The Codex CLI version sent as `client_version` (the one in CODEX_USER_AGENT). */
export const CODEX_CLIENT_VERSION = /codex-tui\/(\d+\.\d+\.\d+)/.exec(CODEX_USER_AGENT)?.[1] ?? '0.146.0';

/** OpenAI's list also holds models no Responses request can use (embeddings, audio, images, moderation). */
const NOT_FOR_RESPONSES = /(embedding|whisper|tts|dall-e|moderation|davinci|babbage|instruct|transcribe|audio|realtime|image|search|sora)/i;

/**
 * Codex: `codex-api-key` entries ask `GET {base-url}/models` (OpenAI's list, platform.openai.com/docs/api-reference/models);
 * ChatGPT accounts ask what the Codex CLI itself asks, `GET {api}/models?client_version=<version>` on
 * `chatgpt.com/backend-api/codex` with the Bearer token and `chatgpt-account-id` → `{models: [{slug,
 * display_name, context_window, visibility, …}]}` (openai/codex codex-rs models_manager, which refreshes its
 * picker from this endpoint; the backend refuses the call without `client_version`).
 */
export async function listCodexModels(input: ModelListInput): Promise<ModelInfo[]> {
  const { credential, token } = input;
  if (credential.kind !== 'oauth') {
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json', 'user-agent': USER_AGENT, ...credential.headers };
    const body = await requestModelList(input.http, { url: joinUrl(credential.baseUrl || 'https://api.openai.com/v1', '/models'), headers });
    return openAiListModels(body).filter((model) => !NOT_FOR_RESPONSES.test(model.id));
  }
  const base = credential.baseUrl ?? credential.account?.endpoints.api ?? CODEX_ENDPOINTS.api;
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json', originator: CODEX_ORIGINATOR, 'user-agent': CODEX_USER_AGENT };
  const accountId = input.account?.attributes.accountId;
  if (accountId) headers['chatgpt-account-id'] = accountId;
  Object.assign(headers, credential.headers);
  const body = await requestModelList(input.http, { url: `${joinUrl(base, '/models')}?client_version=${CODEX_CLIENT_VERSION}`, headers });
  const models = (Array.isArray(body.models) ? body.models : []).flatMap((item): ModelInfo[] => {
    if (!isObject(item) || typeof item.slug !== 'string') return [];
    return [
      {
        id: item.slug,
        displayName: typeof item.display_name === 'string' ? item.display_name : undefined,
        contextLength: typeof item.context_window === 'number' ? item.context_window : undefined,
      },
    ];
  });
  return uniqueModels(models);
}
