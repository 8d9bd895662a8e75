import { joinUrl, USER_AGENT } from '../forward-headers.js';
import { openAiListModels, requestModelList } from '../model-list-http.js';
import type { ModelInfo, ModelListInput } from '../provider-definition.js';

/**
 * `GET {base-url}/models` with the Bearer key → `{object: "list", data: [{id, created, owned_by}]}`, the list
 * every OpenAI-compatible server answers (platform.openai.com/docs/api-reference/models/list).
 */
export async function listOpenAiCompatibleModels(input: ModelListInput): Promise<ModelInfo[]> {
  const base = input.credential.baseUrl;
  if (!base) throw new Error('this entry has no base-url to ask for its models');
  const headers = { authorization: `Bearer ${input.token}`, accept: 'application/json', 'user-agent': USER_AGENT, ...input.credential.headers };
  return openAiListModels(await requestModelList(input.http, { url: joinUrl(base, '/models'), headers }));
}
