import { joinUrl } from '../forward-headers.js';
import { isObject, requestModelList, uniqueModels } from '../model-list-http.js';
import type { ModelInfo, ModelListInput } from '../provider-definition.js';
import { COPILOT_HEADERS, copilotApiBase } from './endpoints.js';
import { stableCopilotId } from './models.js';

/**
 * `GET {api}/models` with the Copilot token and editor headers → `{data: [{id, name, model_picker_enabled, capabilities:
 * {type, limits: {max_context_window_tokens, max_output_tokens}}, supported_endpoints?}]}` ([QUOTIO]
 * CopilotQuotaFetcher.swift; [PP] github_copilot_executor.go). Kept: chat models served on `/chat/completions` or
 * `/responses` (no embeddings), under their stable ids.
 */
export async function listCopilotModels(input: ModelListInput): Promise<ModelInfo[]> {
  const { credential, token } = input;
  const base = copilotApiBase(credential, input.account?.attributes.apiBase);
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json', ...COPILOT_HEADERS, ...credential.headers };
  const body = await requestModelList(input.http, { url: joinUrl(base, '/models'), headers });
  const data = Array.isArray(body.data) ? body.data : [];
  return uniqueModels(
    data.flatMap((item): ModelInfo[] => {
      if (!isObject(item) || typeof item.id !== 'string') return [];
      const capabilities = isObject(item.capabilities) ? item.capabilities : {};
      if (typeof capabilities.type === 'string' && capabilities.type !== 'chat') return [];
      const endpoints = Array.isArray(item.supported_endpoints) ? item.supported_endpoints : undefined;
      if (endpoints && !endpoints.includes('/chat/completions') && !endpoints.includes('/responses')) return [];
      const limits = isObject(capabilities.limits) ? capabilities.limits : {};
      return [
        {
          id: stableCopilotId(item.id),
          displayName: typeof item.name === 'string' ? item.name : undefined,
          contextLength: typeof limits.max_context_window_tokens === 'number' ? limits.max_context_window_tokens : undefined,
          maxOutputTokens: typeof limits.max_output_tokens === 'number' ? limits.max_output_tokens : undefined,
        },
      ];
    }),
  );
}
