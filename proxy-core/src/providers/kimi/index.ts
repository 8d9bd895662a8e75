import type { ProviderDefinition } from '../provider-definition.js';
import { kimiFile, kimiFileName, parseKimiFile } from './account-file.js';
import { KIMI_MODELS } from './models.js';
import { KIMI_ENDPOINTS } from './oauth-endpoints.js';
import { kimiDeviceLogin, refreshKimi } from './oauth-login.js';
import { kimiQuota } from './quota.js';
import { buildKimiRequest } from './request.js';

/**
 * Kimi Code subscriptions (reference §5.1): device login at auth.kimi.com, the Kimi Code API
 * (`api.kimi.com/coding/v1/chat/completions`, OpenAI dialect, the kimi CLI's headers), refresh 5 min before
 * expiry, usage from `/v1/usages`. Every client dialect is translated to Chat Completions; K2 thinking comes back
 * as `reasoning_content` and is given back to Kimi on tool-call turns.
 */
export const kimiProvider: ProviderDefinition = {
  id: 'kimi',
  displayName: 'Kimi Code',
  format: 'openai-chat',
  defaultBaseUrl: KIMI_ENDPOINTS.api,
  catalog: KIMI_MODELS,
  operations: ['generate'],
  buildRequest: buildKimiRequest,
  accounts: {
    fileType: 'kimi',
    hint: 'Kimi Code (kimi.com membership)',
    endpoints: KIMI_ENDPOINTS,
    refreshLeadMs: 5 * 60_000,
    parse: parseKimiFile,
    toFile: kimiFile,
    fileName: kimiFileName,
    refresh: refreshKimi,
    login: { device: kimiDeviceLogin },
    quota: kimiQuota,
  },
};
