import { forwardHeaders, joinUrl, USER_AGENT } from '../forward-headers.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { claudeFile, claudeFileName, parseClaudeFile } from './account-file.js';
import { claudeImporters } from './import-claude-code.js';
import { CLAUDE_MODELS } from './models.js';
import { CLAUDE_ENDPOINTS } from './oauth-endpoints.js';
import { claudeBrowserLogin, refreshClaude } from './oauth-login.js';
import { buildClaudeOAuthRequest } from './oauth-request.js';
import { classifyClaudeError, claudeQuota, claudeQuotaFromHeaders } from './rate-limits.js';
import { listClaudeModels } from './list-models.js';

const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/**
 * Claude: API keys (`claude-api-key`; Messages API, key in `x-api-key` on Anthropic's host, Bearer elsewhere)
 * and Claude Code subscriptions (OAuth + PKCE login, Bearer token with Claude Code's headers, `?beta=true`).
 */
export const claudeProvider: ProviderDefinition = {
  id: 'claude',
  displayName: 'Claude Code',
  format: 'claude-messages',
  defaultBaseUrl: DEFAULT_BASE_URL,
  catalog: CLAUDE_MODELS,
  operations: ['generate', 'count-tokens'],
  listModels: listClaudeModels,
  buildRequest(call) {
    if (call.credential.kind === 'oauth') return buildClaudeOAuthRequest(call);
    const base = call.credential.baseUrl || DEFAULT_BASE_URL;
    const path = call.operation === 'count-tokens' ? '/v1/messages/count_tokens' : '/v1/messages';
    const beta = call.clientQuery.get('beta');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: call.stream ? 'text/event-stream' : 'application/json',
      'anthropic-version': '2023-06-01',
      'user-agent': USER_AGENT,
    };
    forwardHeaders(call.clientHeaders, ['anthropic-version', 'anthropic-beta'], headers);
    if (base === DEFAULT_BASE_URL || new URL(base).hostname === 'api.anthropic.com') headers['x-api-key'] = call.token;
    else headers.authorization = `Bearer ${call.token}`;
    Object.assign(headers, call.credential.headers);
    return { url: joinUrl(base, path) + (beta ? `?beta=${encodeURIComponent(beta)}` : ''), method: 'POST', headers, body: call.body };
  },
  // Subscription traffic from other dialects streams upstream (long answers do not time out) and is
  // collected for clients that asked for one body, as the reference does.
  upstreamStreams: ({ credential, clientStream, clientFormat }) => clientStream || (credential.kind === 'oauth' && clientFormat !== 'claude-messages'),
  classifyError: classifyClaudeError,
  quotaFromHeaders: (headers) => claudeQuotaFromHeaders(headers),
  accounts: {
    fileType: 'claude',
    hint: 'Claude Pro / Max',
    endpoints: CLAUDE_ENDPOINTS,
    refreshLeadMs: 4 * 60 * 60_000,
    parse: parseClaudeFile,
    toFile: claudeFile,
    fileName: claudeFileName,
    refresh: refreshClaude,
    login: { browser: claudeBrowserLogin },
    quota: (context, record) => claudeQuota(context, record.tokens.accessToken),
    importers: claudeImporters,
  },
};
