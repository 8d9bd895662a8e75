import { joinUrl, USER_AGENT } from '../forward-headers.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { codexFile, codexFileName, parseCodexFile } from './account-file.js';
import { classifyCodexError } from './classify-error.js';
import { codexDeviceLogin } from './device-login.js';
import { codexImporters } from './import-codex-cli.js';
import { CODEX_MODEL_FALLBACKS, CODEX_MODELS, CODEX_TIER_MODELS, codexTier } from './models.js';
import { CODEX_ENDPOINTS } from './oauth-endpoints.js';
import { codexBrowserLogin, refreshCodex } from './oauth-login.js';
import { buildCodexOAuthRequest } from './oauth-request.js';
import { codexQuota, codexQuotaFromHeaders } from './quota.js';
import { listCodexModels } from './list-models.js';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * Codex: OpenAI / Codex API keys (`codex-api-key`: the Responses API at `{base-url}/responses`, Bearer key) and
 * ChatGPT subscriptions (OAuth + PKCE or device login; the ChatGPT backend at `chatgpt.com/backend-api/codex`,
 * always streamed, with the Codex TUI's headers and plan-tiered models).
 * The reference drops `codex-api-key` entries without `base-url`; the config loader warns about them.
 */
export const codexProvider: ProviderDefinition = {
  id: 'codex',
  displayName: 'Codex (ChatGPT)',
  format: 'openai-responses',
  defaultBaseUrl: DEFAULT_BASE_URL,
  catalog: CODEX_MODELS,
  operations: ['generate', 'compact'],
  listModels: listCodexModels,
  buildRequest(call) {
    if (call.credential.kind === 'oauth') return buildCodexOAuthRequest(call);
    const base = call.credential.baseUrl || DEFAULT_BASE_URL;
    const path = call.operation === 'compact' ? '/responses/compact' : '/responses';
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: call.stream ? 'text/event-stream' : 'application/json',
      authorization: `Bearer ${call.token}`,
      'user-agent': USER_AGENT,
      ...call.credential.headers,
    };
    return { url: joinUrl(base, path), method: 'POST', headers, body: call.body };
  },
  catalogFor: (credential) => (credential.kind === 'oauth' ? CODEX_TIER_MODELS[codexTier(credential.account?.plan)] : CODEX_MODELS),
  modelFallbacks: CODEX_MODEL_FALLBACKS,
  // The ChatGPT backend only streams; non-stream clients get the collected answer.
  upstreamStreams: ({ credential, clientStream }) => clientStream || credential.kind === 'oauth',
  classifyError: classifyCodexError,
  quotaFromHeaders: codexQuotaFromHeaders,
  accounts: {
    fileType: 'codex',
    hint: 'ChatGPT Plus / Pro / Team (Codex)',
    endpoints: CODEX_ENDPOINTS,
    refreshLeadMs: 5 * 24 * 60 * 60_000,
    parse: parseCodexFile,
    toFile: codexFile,
    fileName: codexFileName,
    refresh: refreshCodex,
    login: { browser: codexBrowserLogin, device: codexDeviceLogin },
    quota: codexQuota,
    importers: codexImporters,
  },
};
