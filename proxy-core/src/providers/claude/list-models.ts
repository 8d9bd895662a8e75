import { joinUrl, USER_AGENT } from '../forward-headers.js';
import { isObject, MAX_LIST_PAGES, requestModelList, uniqueModels } from '../model-list-http.js';
import type { ModelInfo, ModelListInput } from '../provider-definition.js';
import { CLAUDE_CODE_USER_AGENT, CLAUDE_ENDPOINTS, OAUTH_BETA } from './oauth-endpoints.js';

/**
 * Anthropic's Models API, `GET {base}/v1/models?limit=1000` → `{data: [{type: "model", id, display_name,
 * created_at}], has_more, first_id, last_id}`, paged with `after_id=<last_id>`, `limit` 1–1000
 * (platform.claude.com/docs/en/api/models-list). API keys send `x-api-key` on Anthropic's host (Bearer
 * elsewhere, as generation does). Claude Code subscription tokens send their Bearer token with the
 * `oauth-2025-04-20` beta (inventory §3.2: OAuth traffic carries that beta) on `/v1/models?beta=true`, the path
 * the Anthropic SDK's `beta.models.list()` calls (@anthropic-ai/sdk resources/beta/models), as Claude Code does
 * for its messages.
 */
export async function listClaudeModels(input: ModelListInput): Promise<ModelInfo[]> {
  const { credential, token } = input;
  const oauth = credential.kind === 'oauth';
  const base = credential.baseUrl || credential.account?.endpoints.api || CLAUDE_ENDPOINTS.api;
  const headers: Record<string, string> = { 'anthropic-version': '2023-06-01', accept: 'application/json' };
  if (oauth) Object.assign(headers, { authorization: `Bearer ${token}`, 'anthropic-beta': OAUTH_BETA, 'user-agent': CLAUDE_CODE_USER_AGENT, 'x-app': 'cli' });
  else if (new URL(base).hostname === 'api.anthropic.com') Object.assign(headers, { 'x-api-key': token, 'user-agent': USER_AGENT });
  else Object.assign(headers, { authorization: `Bearer ${token}`, 'user-agent': USER_AGENT });
  Object.assign(headers, credential.headers);

  const models: ModelInfo[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const query = new URLSearchParams({ limit: '1000' });
    if (oauth) query.set('beta', 'true');
    if (after) query.set('after_id', after);
    const body = await requestModelList(input.http, { url: `${joinUrl(base, '/v1/models')}?${query}`, headers });
    for (const item of Array.isArray(body.data) ? body.data : []) {
      if (!isObject(item) || typeof item.id !== 'string') continue;
      const created = typeof item.created_at === 'string' ? Date.parse(item.created_at) : NaN;
      models.push({
        id: item.id,
        displayName: typeof item.display_name === 'string' ? item.display_name : undefined,
        created: Number.isNaN(created) ? undefined : Math.floor(created / 1000),
      });
    }
    if (body.has_more !== true || typeof body.last_id !== 'string') break;
    after = body.last_id;
  }
  return uniqueModels(models);
}
