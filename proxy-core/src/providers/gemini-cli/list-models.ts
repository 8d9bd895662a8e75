import { CODE_ASSIST_VERSION } from '../code-assist/index.js';
import { isObject, requestModelList, uniqueModels } from '../model-list-http.js';
import type { ModelInfo, ModelListInput } from '../provider-definition.js';
import { GEMINI_CLI_ENDPOINTS, geminiCliUserAgent } from './oauth-endpoints.js';

/**
 * Gemini CLI (Code Assist) has no list call; what the account may use is what its quota names:
 * `POST {api}/v1internal:retrieveUserQuota {project}` → `{buckets: [{modelId, tokenType, remainingFraction,
 * resetTime}]}` (inventory §2.3 "Models / quota"; google-gemini/gemini-cli `code_assist/server.ts`
 * retrieveUserQuota). Each bucket's `modelId` is one model this project may call.
 */
export async function listGeminiCliModels(input: ModelListInput): Promise<ModelInfo[]> {
  const { credential } = input;
  const project = credential.account?.project ?? input.account?.projects?.[0];
  if (!project) throw new Error('this account has no Google Cloud project yet; log in again to set one up');
  const base = credential.account?.endpoints.api ?? GEMINI_CLI_ENDPOINTS.api;
  const headers = { authorization: `Bearer ${input.token}`, 'user-agent': geminiCliUserAgent(''), 'content-type': 'application/json' };
  const body = await requestModelList(input.http, { url: `${base.replace(/\/+$/, '')}/${CODE_ASSIST_VERSION}:retrieveUserQuota`, headers, json: { project } });
  const buckets = Array.isArray(body.buckets) ? body.buckets : [];
  return uniqueModels(buckets.flatMap((bucket): ModelInfo[] => (isObject(bucket) && typeof bucket.modelId === 'string' ? [{ id: bucket.modelId }] : [])));
}
