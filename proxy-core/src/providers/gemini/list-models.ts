import { joinUrl, USER_AGENT } from '../forward-headers.js';
import { isObject, MAX_LIST_PAGES, requestModelList, uniqueModels } from '../model-list-http.js';
import type { ModelInfo, ModelListInput } from '../provider-definition.js';

const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

/**
 * Gemini API `models.list`: `GET {base}/v1beta/models?pageSize=1000[&pageToken=…]` with `x-goog-api-key` →
 * `{models: [{name: "models/<id>", displayName, inputTokenLimit, outputTokenLimit, supportedGenerationMethods,
 * thinking}], nextPageToken}` (ai.google.dev/api/models#method:-models.list). Only models that can
 * `generateContent` are kept (embedding and image-only models cannot answer chat requests).
 */
export async function listGeminiModels(input: ModelListInput): Promise<ModelInfo[]> {
  const base = input.credential.baseUrl || DEFAULT_BASE_URL;
  const versioned = /\/v1(beta|alpha)?$/.test(base.replace(/\/+$/, '')) ? base : joinUrl(base, '/v1beta');
  const headers = { 'x-goog-api-key': input.token, 'user-agent': USER_AGENT, ...input.credential.headers };
  const models: ModelInfo[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const query = new URLSearchParams({ pageSize: '1000' });
    if (pageToken) query.set('pageToken', pageToken);
    const body = await requestModelList(input.http, { url: `${joinUrl(versioned, '/models')}?${query}`, headers });
    for (const item of Array.isArray(body.models) ? body.models : []) {
      if (!isObject(item) || typeof item.name !== 'string') continue;
      const methods = Array.isArray(item.supportedGenerationMethods) ? item.supportedGenerationMethods : undefined;
      if (methods && !methods.includes('generateContent')) continue;
      models.push({
        id: item.name.replace(/^models\//, ''),
        displayName: typeof item.displayName === 'string' ? item.displayName : undefined,
        contextLength: typeof item.inputTokenLimit === 'number' ? item.inputTokenLimit : undefined,
        maxOutputTokens: typeof item.outputTokenLimit === 'number' ? item.outputTokenLimit : undefined,
      });
    }
    if (typeof body.nextPageToken !== 'string' || !body.nextPageToken) break;
    pageToken = body.nextPageToken;
  }
  return uniqueModels(models);
}
