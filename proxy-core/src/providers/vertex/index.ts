import { joinUrl, USER_AGENT } from '../forward-headers.js';
import type { AccountImporter, ProviderDefinition, UpstreamCall } from '../provider-definition.js';
import { DEFAULT_LOCATION, parseVertexFile, serviceAccountOf, serviceAccountRecord, vertexFile, vertexFileName } from './account-file.js';
import { VERTEX_MODELS } from './models.js';
import { GOOGLE_TOKEN_URL, mintAccessToken, parseServiceAccount } from './service-account.js';

/** API-key mode's host (CLIProxyAPI gemini_vertex_executor.go, executeWithAPIKey). */
const API_KEY_BASE_URL = 'https://aiplatform.googleapis.com';
/** Service-account mode: one host per region, `global` on the API-key host (vertexBaseURL). */
const REGIONAL_BASE_URL = 'https://{location}-aiplatform.googleapis.com';

function action(call: UpstreamCall): string {
  if (call.operation === 'count-tokens') return 'countTokens';
  return call.stream ? 'streamGenerateContent' : 'generateContent';
}

function modelPath(call: UpstreamCall): string {
  return `/publishers/google/models/${encodeURIComponent(call.model)}:${action(call)}${call.stream ? '?alt=sse' : ''}`;
}

/** `{base}/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:{action}` with a Bearer token. */
function serviceAccountRequest(call: UpstreamCall) {
  const attributes = call.account?.attributes ?? {};
  const location = attributes.location || DEFAULT_LOCATION;
  const project = attributes.projectId ?? '';
  const configured = call.credential.baseUrl || call.credential.account?.endpoints.api || REGIONAL_BASE_URL;
  const base = configured === REGIONAL_BASE_URL && location === 'global' ? API_KEY_BASE_URL : configured.replace('{location}', location);
  const url = joinUrl(base, `/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}${modelPath(call)}`);
  return { 'content-type': 'application/json', authorization: `Bearer ${call.token}`, 'user-agent': USER_AGENT, url };
}

/**
 * A service-account JSON key (as Google Cloud downloads it) → the account record `vertex-<project>.json` is
 * written from; throws an Error naming the field that is wrong. `location` defaults to us-central1.
 */
export function vertexRecordFromKey(data: unknown, location?: string) {
  return serviceAccountRecord(parseServiceAccount(data), { location });
}

const serviceAccountImporter: AccountImporter = {
  description: 'Google Cloud service-account key (the JSON key file of a service account with Vertex AI access)',
  defaultPaths: [],
  async read(data, context) {
    if (data.type !== 'service_account') return undefined;
    const account = parseServiceAccount(data);
    const record = serviceAccountRecord(account);
    // Prove the key works before it is saved: a refused key is reported now, not on the first request.
    const minted = await mintAccessToken(context, account);
    return { ...record, tokens: { ...record.tokens, accessToken: minted.accessToken, expiresAt: minted.expiresAt } };
  },
};

/**
 * Vertex AI: Gemini models through Google Cloud. Service accounts (auth files `type: vertex`, imported from a JSON
 * key: JWT bearer grant → 1-hour access token, minted again 5 minutes before it expires) and `vertex-api-key`
 * entries (`x-goog-api-key` on the global host, or the entry's `base-url`). Claude on Vertex is not routed: the
 * reference sends only `publishers/google` models.
 */
export const vertexProvider: ProviderDefinition = {
  id: 'vertex',
  displayName: 'Vertex AI',
  format: 'gemini',
  defaultBaseUrl: API_KEY_BASE_URL,
  catalog: VERTEX_MODELS,
  operations: ['generate', 'count-tokens'],
  buildRequest(call) {
    if (call.credential.kind === 'oauth') {
      const { url, ...headers } = serviceAccountRequest(call);
      return { url, method: 'POST', headers: { ...headers, ...call.credential.headers }, body: call.body };
    }
    const url = joinUrl(call.credential.baseUrl || API_KEY_BASE_URL, `/v1${modelPath(call)}`);
    const headers = { 'content-type': 'application/json', 'x-goog-api-key': call.token, 'user-agent': USER_AGENT, ...call.credential.headers };
    return { url, method: 'POST', headers, body: call.body };
  },
  accounts: {
    fileType: 'vertex',
    hint: 'Google Cloud service account (import its JSON key)',
    endpoints: { token: GOOGLE_TOKEN_URL, api: REGIONAL_BASE_URL },
    refreshLeadMs: 5 * 60_000,
    refreshBeforeUseMs: 5 * 60_000,
    parse: parseVertexFile,
    toFile: vertexFile,
    fileName: vertexFileName,
    async refresh(context, record) {
      const minted = await mintAccessToken(context, serviceAccountOf(record));
      return { ...record, tokens: { ...record.tokens, accessToken: minted.accessToken, expiresAt: minted.expiresAt, refreshedAt: context.clock.now() } };
    },
    login: {},
    importers: [serviceAccountImporter],
  },
};
