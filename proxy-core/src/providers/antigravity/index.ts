import { unwrapCodeAssistPayload } from '../code-assist/index.js';
import type { AccountImporter, ProviderDefinition } from '../provider-definition.js';
import { antigravityFile, antigravityFileName, parseAntigravityFile } from './account-file.js';
import { classifyAntigravityError } from './errors.js';
import { alwaysStreams, ANTIGRAVITY_MODELS } from './models.js';
import { ANTIGRAVITY_ENDPOINTS } from './oauth-endpoints.js';
import { antigravityBrowserLogin, refreshAntigravity } from './oauth-login.js';
import { antigravityQuota } from './quota.js';
import { ANTIGRAVITY_ROUNDS, antigravityBases, buildAntigravityRequest } from './upstream-request.js';
import { listAntigravityModels } from './list-models.js';

/** CLIProxyAPI's `antigravity-*.json` files (the IDE keeps its own login in the OS keychain, out of reach). */
const importers: readonly AccountImporter[] = [
  {
    description: 'CLIProxyAPI (antigravity-*.json)',
    defaultPaths: [],
    async read(data) {
      return data.type === 'antigravity' ? parseAntigravityFile(data) : undefined;
    },
  },
];

/**
 * Antigravity subscriptions (Google's Antigravity IDE backend, inventory §2.5): Google OAuth login with project
 * discovery, the Code Assist envelope with Antigravity's extras over the Gemini wire format, daily → prod host
 * fallback, Claude / Gemini 3 Pro / image models always streamed upstream, 429 handling by ErrorInfo reason,
 * refresh 5 min ahead and before any use within 50 min of expiry, and the quota summary.
 */
export const antigravityProvider: ProviderDefinition = {
  id: 'antigravity',
  displayName: 'Antigravity',
  format: 'gemini',
  defaultBaseUrl: ANTIGRAVITY_ENDPOINTS.api,
  catalog: ANTIGRAVITY_MODELS,
  operations: ['generate'],
  listModels: listAntigravityModels,
  buildRequest: buildAntigravityRequest,
  upstreamStreams: ({ model, clientStream }) => clientStream || alwaysStreams(model),
  unwrapPayload: unwrapCodeAssistPayload,
  classifyError: classifyAntigravityError,
  variants: (credential) => antigravityBases(credential).length * ANTIGRAVITY_ROUNDS,
  accounts: {
    fileType: 'antigravity',
    hint: 'Google account (Antigravity IDE)',
    endpoints: ANTIGRAVITY_ENDPOINTS,
    refreshLeadMs: 5 * 60_000,
    // The reference's executor refreshes when the token is within refreshSkew = 3000 s of expiry.
    refreshBeforeUseMs: 3000_000,
    parse: parseAntigravityFile,
    toFile: antigravityFile,
    fileName: antigravityFileName,
    refresh: refreshAntigravity,
    login: { browser: antigravityBrowserLogin },
    quota: antigravityQuota,
    importers,
  },
};
