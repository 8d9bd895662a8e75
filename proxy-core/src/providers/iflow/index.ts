import type { ProviderDefinition } from '../provider-definition.js';
import { iflowFile, iflowFileName, parseIflowFile } from './account-file.js';
import { classifyIflowError, iflowAnswerError } from './errors.js';
import { listIflowModels } from './list-models.js';
import { IFLOW_MODELS } from './models.js';
import { IFLOW_ENDPOINTS } from './oauth-endpoints.js';
import { iflowImporters } from './import-cookie.js';
import { iflowBrowserLogin, refreshIflow } from './oauth-login.js';
import { buildIflowRequest } from './request.js';

/**
 * iFlow subscriptions (reference §6.2): browser login at iflow.cn whose user info hands out the API key chat calls
 * use, Chat Completions at `apis.iflow.cn/v1` with iFlow CLI's HMAC-signed session headers, errors inside 200
 * answers, a 406 retried once without streaming, each account's own live model list, refresh 24 h ahead.
 */
export const iflowProvider: ProviderDefinition = {
  id: 'iflow',
  displayName: 'iFlow',
  format: 'openai-chat',
  defaultBaseUrl: IFLOW_ENDPOINTS.api,
  catalog: IFLOW_MODELS,
  operations: ['generate'],
  buildRequest: (call) => buildIflowRequest(call),
  listModels: listIflowModels,
  liveListOnly: true,
  answerError: iflowAnswerError,
  classifyError: classifyIflowError,
  variants: () => 2,
  // Variant 1 is the one-piece retry after a 406.
  upstreamStreams: ({ clientStream, variant }) => clientStream && !variant,
  accounts: {
    fileType: 'iflow',
    hint: 'iFlow (iflow.cn account)',
    endpoints: IFLOW_ENDPOINTS,
    refreshLeadMs: 24 * 60 * 60_000,
    parse: parseIflowFile,
    toFile: iflowFile,
    fileName: iflowFileName,
    refresh: refreshIflow,
    login: { browser: iflowBrowserLogin },
    importers: iflowImporters,
  },
};
