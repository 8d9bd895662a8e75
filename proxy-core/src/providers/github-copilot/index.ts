import type { ProviderDefinition } from '../provider-definition.js';
import { copilotFile, copilotFileName, parseCopilotFile } from './account-file.js';
import { buildCopilotRequest } from './chat-request.js';
import { classifyCopilotError } from './classify-error.js';
import { copilotDeviceLogin } from './device-login.js';
import { COPILOT_ENDPOINTS, COPILOT_REFRESH_BEFORE_USE_MS } from './endpoints.js';
import { copilotImporters } from './import-copilot.js';
import { listCopilotModels } from './list-models.js';
import { COPILOT_MODELS } from './models.js';
import { copilotQuota } from './quota.js';
import { buildCopilotResponsesRequest, usesCopilotResponses } from './responses-request.js';
import { exchangeCopilotToken } from './token-exchange.js';

/**
 * GitHub Copilot subscriptions (`github-copilot` in the Plus forks): a GitHub device login whose token mints the
 * short-lived Copilot token (the account's access token, re-minted 5 minutes before expiry); Chat Completions on
 * `api.githubcopilot.com` (and `/responses` for the Codex models and Responses clients of OpenAI models) with the
 * VS Code Copilot Chat identity; the live `/models` list under stable ids; the premium-request allowance from
 * `copilot_internal/user`.
 */
export const githubCopilotProvider: ProviderDefinition = {
  id: 'github-copilot',
  displayName: 'GitHub Copilot',
  format: 'openai-chat',
  defaultBaseUrl: COPILOT_ENDPOINTS.api,
  catalog: COPILOT_MODELS,
  operations: ['generate'],
  buildRequest: buildCopilotRequest,
  listModels: listCopilotModels,
  classifyError: classifyCopilotError,
  forCall: ({ model, clientFormat }) => (usesCopilotResponses(model, clientFormat) ? copilotResponsesProvider : githubCopilotProvider),
  accounts: {
    fileType: 'github-copilot',
    hint: 'GitHub Copilot Pro / Business / Enterprise',
    endpoints: COPILOT_ENDPOINTS,
    // The GitHub token does not expire; the Copilot token is re-minted when a request needs it ([PP] RefreshLead nil).
    refreshLeadMs: null,
    refreshBeforeUseMs: COPILOT_REFRESH_BEFORE_USE_MS,
    parse: parseCopilotFile,
    toFile: copilotFile,
    fileName: copilotFileName,
    refresh: exchangeCopilotToken,
    login: { device: copilotDeviceLogin },
    quota: copilotQuota,
    importers: copilotImporters,
  },
};

/** The same provider speaking the Responses API at `{api}/responses`, for the calls `usesCopilotResponses` picks. */
const copilotResponsesProvider: ProviderDefinition = {
  ...githubCopilotProvider,
  format: 'openai-responses',
  buildRequest: buildCopilotResponsesRequest,
  forCall: undefined,
};
