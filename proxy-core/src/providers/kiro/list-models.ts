import { jsonObject } from '../../login/oauth-http.js';
import type { ModelInfo, ModelListInput } from '../provider-definition.js';
import { KIRO_ENDPOINTS, kiroRegion, withRegion } from './endpoints.js';
import { accountSeed, kiroApiHeaders } from './headers.js';
import { object } from '../../shared/json-values.js';


/** CodeWhisperer's model id → ours: `claude-sonnet-4.5` → `claude-sonnet-4-5`, `auto` → `kiro-auto`. */
export function modelIdFromKiro(kiroId: string): string {
  const id = kiroId.trim().toLowerCase();
  return id === 'auto' ? 'kiro-auto' : id.replace(/\./g, '-');
}

/**
 * The models this account may use: `GET {api}/listAvailableModels?origin=AI_EDITOR&profileArn=…` →
 * `{models: [{modelId, modelName, description, tokenLimits{maxInputTokens}}], nextToken?}` ([PP]
 * pkg/llmproxy/auth/kiro/aws_auth.go L212-260). Pages are followed (at most 10).
 */
export async function listKiroModels(input: ModelListInput): Promise<ModelInfo[]> {
  const attributes = input.account?.attributes ?? {};
  const base = withRegion(input.credential.baseUrl || input.credential.account?.endpoints.api || KIRO_ENDPOINTS.api, kiroRegion(attributes));
  const headers = kiroApiHeaders(input.token, input.account ? accountSeed(input.account) : input.credential.id);
  const models: ModelInfo[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < 10; page++) {
    const query = new URLSearchParams({ origin: 'AI_EDITOR' });
    if (attributes.profileArn) query.set('profileArn', attributes.profileArn);
    if (nextToken) query.set('nextToken', nextToken);
    const body = jsonObject(await input.http.request({ url: `${base}/listAvailableModels?${query}`, headers }), 'The Kiro model list');
    for (const entry of Array.isArray(body.models) ? body.models.map(object) : []) {
      if (typeof entry.modelId !== 'string' || !entry.modelId) continue;
      const limit = object(entry.tokenLimits).maxInputTokens;
      models.push({
        id: modelIdFromKiro(entry.modelId),
        ...(typeof entry.modelName === 'string' ? { displayName: `${entry.modelName} (Kiro)` } : {}),
        ...(typeof limit === 'number' && limit > 0 ? { contextLength: limit } : {}),
      });
    }
    nextToken = typeof body.nextToken === 'string' && body.nextToken ? body.nextToken : undefined;
    if (!nextToken) break;
  }
  return models;
}
