import type { ProviderDefinition } from '../provider-definition.js';
import { parseQwenFile, qwenFile, qwenFileName } from './account-file.js';
import { classifyQwenError } from './classify-error.js';
import { qwenImporters } from './import-qwen-cli.js';
import { QWEN_MODELS } from './models.js';
import { QWEN_ENDPOINTS } from './oauth-endpoints.js';
import { qwenDeviceLogin, refreshQwen } from './oauth-login.js';
import { buildQwenRequest } from './request.js';

/**
 * Qwen Code subscriptions (reference §6.1): device login with PKCE at chat.qwen.ai, an OpenAI Chat Completions
 * upstream at the account's own `resource_url` (`https://<resource_url>/v1`, default portal.qwen.ai) with the
 * Qwen Code CLI's headers, a daily quota reported as 403 `insufficient_quota`, refresh 3 h before expiry.
 */
export const qwenProvider: ProviderDefinition = {
  id: 'qwen',
  displayName: 'Qwen Code',
  format: 'openai-chat',
  defaultBaseUrl: QWEN_ENDPOINTS.api,
  catalog: QWEN_MODELS,
  operations: ['generate'],
  buildRequest: buildQwenRequest,
  classifyError: classifyQwenError,
  accounts: {
    fileType: 'qwen',
    hint: 'Qwen Code (qwen.ai account, free daily quota)',
    endpoints: QWEN_ENDPOINTS,
    refreshLeadMs: 3 * 60 * 60_000,
    parse: parseQwenFile,
    toFile: qwenFile,
    fileName: qwenFileName,
    refresh: refreshQwen,
    login: { device: qwenDeviceLogin },
    importers: qwenImporters,
  },
};
