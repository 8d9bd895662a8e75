import { joinUrl } from '../forward-headers.js';
import { openAiListModels, requestModelList } from '../model-list-http.js';
import type { ModelInfo, ModelListInput } from '../provider-definition.js';
import { IFLOW_ENDPOINTS, IFLOW_USER_AGENT } from './oauth-endpoints.js';

/** `GET {api}/models` with the account's API key: the ids this account may use (the seed's "subset of iflow models" row). */
export async function listIflowModels(input: ModelListInput): Promise<ModelInfo[]> {
  const apiKey = input.account?.attributes.apiKey ?? input.token;
  const base = input.credential.account?.endpoints.api ?? IFLOW_ENDPOINTS.api;
  return openAiListModels(await requestModelList(input.http, { url: joinUrl(base, '/models'), headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json', 'user-agent': IFLOW_USER_AGENT } }));
}
