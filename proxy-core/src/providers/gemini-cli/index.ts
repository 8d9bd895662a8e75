import { unwrapCodeAssistPayload } from '../code-assist/index.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { expandGeminiCliProjects, geminiCliFile, geminiCliFileName, parseGeminiCliFile } from './account-file.js';
import { geminiCliImporters } from './import-gemini-cli.js';
import { GEMINI_CLI_MODELS, GEMINI_CLI_PREVIEW_FALLBACK } from './models.js';
import { GEMINI_CLI_ENDPOINTS } from './oauth-endpoints.js';
import { geminiCliBrowserLogin, refreshGeminiCli } from './oauth-login.js';
import { classifyGeminiCliError, geminiCliQuota } from './quota.js';
import { buildGeminiCliRequest } from './upstream-request.js';
import { listGeminiCliModels } from './list-models.js';

/**
 * Gemini CLI subscriptions (Google account → Gemini Code Assist, inventory §2.3): Google OAuth login with
 * project set-up, Code Assist's `{model, project, request}` envelope over the Gemini wire format, lazy token
 * refresh, per-model quota, and one credential per project when `quota-exceeded.switch-project` is on.
 */
export const geminiCliProvider: ProviderDefinition = {
  id: 'gemini-cli',
  displayName: 'Gemini CLI',
  format: 'gemini',
  defaultBaseUrl: GEMINI_CLI_ENDPOINTS.api,
  catalog: GEMINI_CLI_MODELS,
  operations: ['generate', 'count-tokens'],
  listModels: listGeminiCliModels,
  buildRequest: buildGeminiCliRequest,
  unwrapPayload: unwrapCodeAssistPayload,
  classifyError: classifyGeminiCliError,
  previewModel: (model) => GEMINI_CLI_PREVIEW_FALLBACK[model],
  accounts: {
    fileType: 'gemini',
    hint: 'Google account (Gemini Code Assist)',
    endpoints: GEMINI_CLI_ENDPOINTS,
    // The reference refreshes lazily, when a request finds the token about to expire (or after a 401).
    refreshLeadMs: null,
    parse: parseGeminiCliFile,
    toFile: geminiCliFile,
    fileName: geminiCliFileName,
    refresh: refreshGeminiCli,
    login: { browser: geminiCliBrowserLogin },
    loginOptions: ['projectId'],
    quota: geminiCliQuota,
    importers: geminiCliImporters,
    expand: expandGeminiCliProjects,
  },
};
