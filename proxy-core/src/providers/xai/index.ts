import { joinUrl, USER_AGENT } from '../forward-headers.js';
import { openAiListModels, requestModelList } from '../model-list-http.js';
import type { ProviderDefinition, UpstreamCall } from '../provider-definition.js';
import { parseXaiFile, xaiFile, xaiFileName } from './account-file.js';
import { XAI_MODELS } from './models.js';
import { GROK_CLI_VERSION, XAI_OAUTH_ENDPOINTS } from './oauth-endpoints.js';
import { refreshXai, xaiDeviceLogin } from './oauth-login.js';

export const XAI_DEFAULT_BASE_URL = 'https://api.x.ai/v1';

/**
 * Request fields xAI's Responses API does not take; CLIProxyAPI deletes them before sending
 * (internal/runtime/executor/xai_executor_request.go, prepareResponsesRequestTo).
 */
const UNSUPPORTED_FIELDS = ['previous_response_id', 'prompt_cache_retention', 'safety_identifier', 'stream_options'] as const;

function withoutUnsupportedFields(body: Buffer): Buffer {
  if (!UNSUPPORTED_FIELDS.some((field) => body.includes(`"${field}"`))) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
  const copy = { ...(parsed as Record<string, unknown>) };
  for (const field of UNSUPPORTED_FIELDS) delete copy[field];
  return Buffer.from(JSON.stringify(copy));
}

/** Public API hosts: an account whose file names one of them goes to the Grok CLI proxy instead (as the reference does). */
const isOfficialApi = (url: string): boolean => /^https:\/\/([a-z0-9-]+\.)?api\.x\.ai(\/|$)/i.test(url);

/**
 * Where a call goes: an account → the Grok CLI proxy (compaction → xAI's public API), unless its file names a
 * custom relay; a key → its base-url. `cliProxy` = send the Grok CLI's identity headers.
 */
function destination(call: Pick<UpstreamCall, 'credential' | 'operation'>): { base: string; cliProxy: boolean } {
  const account = call.credential.account;
  const configured = call.credential.baseUrl;
  if (!account) return { base: configured || XAI_DEFAULT_BASE_URL, cliProxy: false };
  if (configured && !isOfficialApi(configured)) return { base: configured, cliProxy: false };
  if (call.operation === 'compact') return { base: account.endpoints.officialApi ?? XAI_OAUTH_ENDPOINTS.officialApi, cliProxy: false };
  return { base: account.endpoints.api ?? XAI_OAUTH_ENDPOINTS.api, cliProxy: true };
}

/** The Grok CLI's identity headers (reference §5.2); its proxy checks them besides the token. */
const GROK_CLI_HEADERS: Readonly<Record<string, string>> = {
  'x-xai-token-auth': 'xai-grok-cli',
  'x-grok-client-version': GROK_CLI_VERSION,
  'user-agent': `xai-grok-workspace/${GROK_CLI_VERSION}`,
  'x-grok-client-identifier': 'grok-shell',
  'x-authenticateresponse': 'authenticate-response',
};

/**
 * xAI API keys (`xai-api-key`, the reference's Codex-shaped entries; `base-url` required, normally
 * `https://api.x.ai/v1`): the Responses API at `{base-url}/responses` (and `/responses/compact`) with the key as
 * Bearer token, models from `GET {base-url}/models`. Token counts are estimated locally, as the reference does.
 * Grok subscriptions (reference §5.2): device login at auth.x.ai (OIDC discovery), accounts `xai-<email>.json`,
 * requests to the Grok CLI proxy's Responses API with the CLI's headers, refresh 5 min before expiry.
 */
export const xaiProvider: ProviderDefinition = {
  id: 'xai',
  displayName: 'xAI (Grok)',
  format: 'openai-responses',
  defaultBaseUrl: XAI_DEFAULT_BASE_URL,
  catalog: XAI_MODELS,
  operations: ['generate', 'compact'],
  accounts: {
    fileType: 'xai',
    hint: 'xAI Grok (the Grok CLI sign-in)',
    endpoints: XAI_OAUTH_ENDPOINTS,
    refreshLeadMs: 5 * 60_000,
    parse: parseXaiFile,
    toFile: xaiFile,
    fileName: xaiFileName,
    refresh: refreshXai,
    login: { device: xaiDeviceLogin },
  },
  async listModels(input) {
    // The Grok CLI proxy has no model list in the reference: accounts serve the catalogue.
    if (input.credential.account) return [...XAI_MODELS];
    const headers = { authorization: `Bearer ${input.token}`, accept: 'application/json', 'user-agent': USER_AGENT, ...input.credential.headers };
    const url = joinUrl(input.credential.baseUrl || XAI_DEFAULT_BASE_URL, '/models');
    return openAiListModels(await requestModelList(input.http, { url, headers }));
  },
  buildRequest(call: UpstreamCall) {
    const path = call.operation === 'compact' ? '/responses/compact' : '/responses';
    const target = destination(call);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: call.stream ? 'text/event-stream' : 'application/json',
      authorization: `Bearer ${call.token}`,
      'user-agent': USER_AGENT,
      ...(target.cliProxy ? GROK_CLI_HEADERS : {}),
      ...call.credential.headers,
    };
    const body = call.operation === 'generate' ? withoutUnsupportedFields(call.body) : call.body;
    return { url: joinUrl(target.base, path), method: 'POST', headers, body };
  },
};
