import { CODE_ASSIST_VERSION } from '../code-assist/index.js';
import { isObject, requestModelList, uniqueModels } from '../model-list-http.js';
import type { ModelInfo, ModelListInput } from '../provider-definition.js';
import { ANTIGRAVITY_ENDPOINTS, ANTIGRAVITY_USER_AGENT } from './oauth-endpoints.js';

/**
 * Antigravity's own list: `POST {api}/v1internal:fetchAvailableModels {project}` (daily host, then prod) →
 * `{models: {"<id>": {displayName, maxTokens, maxOutputTokens, quotaInfo}}, webSearchModelIds}`; internal ids
 * such as `chat_20706` and `tab_flash_lite_preview` are not models a client can ask for (inventory §2.5 "Live
 * list"; router-for-me/CLIProxyAPI sdk/cliproxy/antigravity_models.go).
 */
export async function listAntigravityModels(input: ModelListInput): Promise<ModelInfo[]> {
  const { credential } = input;
  const project = credential.account?.project ?? input.account?.projects?.[0];
  const endpoints = credential.account?.endpoints ?? ANTIGRAVITY_ENDPOINTS;
  const headers = { authorization: `Bearer ${input.token}`, 'user-agent': ANTIGRAVITY_USER_AGENT, 'content-type': 'application/json' };
  let last: unknown;
  for (const base of [endpoints.api ?? ANTIGRAVITY_ENDPOINTS.api, endpoints.apiFallback ?? ANTIGRAVITY_ENDPOINTS.apiFallback]) {
    try {
      const body = await requestModelList(input.http, { url: `${base.replace(/\/+$/, '')}/${CODE_ASSIST_VERSION}:fetchAvailableModels`, headers, json: project ? { project } : {} });
      const models = isObject(body.models) ? body.models : {};
      return uniqueModels(
        Object.entries(models).flatMap(([id, value]): ModelInfo[] => {
          if (/^(chat|tab)_/.test(id)) return [];
          const info = isObject(value) ? value : {};
          return [
            {
              id,
              displayName: typeof info.displayName === 'string' ? info.displayName : undefined,
              contextLength: typeof info.maxTokens === 'number' ? info.maxTokens : undefined,
              maxOutputTokens: typeof info.maxOutputTokens === 'number' ? info.maxOutputTokens : undefined,
            },
          ];
        }),
      );
    } catch (error) {
      last = error;
    }
  }
  throw last;
}
