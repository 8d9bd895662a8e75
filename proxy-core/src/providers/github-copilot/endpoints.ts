/**
 * GitHub Copilot's public facts (reference/inventory-providers.md §7.2, checked against
 * KooshaPari/cliproxyapi-plusplus pkg/llmproxy/auth/copilot/oauth.go, copilot_auth.go and
 * pkg/llmproxy/executor/github_copilot_executor.go).
 */

/** The OAuth app the Copilot editor plugins use for GitHub's device flow ([PP] auth/copilot/oauth.go). */
export const COPILOT_CLIENT_ID = 'Iv1.b507a08c87ecfe98';
export const COPILOT_SCOPE = 'user:email';

/** Named endpoints, each overridable (`oauth-endpoints.github-copilot.<name>` or `CLIPROXY_GITHUB_COPILOT_<NAME>_URL`). */
export const COPILOT_ENDPOINTS = {
  deviceCode: 'https://github.com/login/device/code',
  deviceToken: 'https://github.com/login/oauth/access_token',
  /** Where the user types the code. */
  deviceVerification: 'https://github.com/login/device',
  /** `GET` → `{login, …}`: the GitHub user name (the file name part). */
  user: 'https://api.github.com/user',
  /** `GET` with `Authorization: token <github token>` → the short-lived Copilot token. */
  copilotToken: 'https://api.github.com/copilot_internal/v2/token',
  /** `GET` → plan and `quota_snapshots` (premium requests). */
  copilotUser: 'https://api.github.com/copilot_internal/user',
  /** The Copilot API; the token exchange's `endpoints.api` replaces it per account. */
  api: 'https://api.githubcopilot.com',
} as const;

/** The editor identity the Copilot API requires ([PP] github_copilot_executor.go constants). */
export const COPILOT_HEADERS = {
  'user-agent': 'GitHubCopilotChat/0.35.0',
  'editor-version': 'vscode/1.107.0',
  'editor-plugin-version': 'copilot-chat/0.35.0',
  'copilot-integration-id': 'vscode-chat',
  'openai-intent': 'conversation-panel',
  'x-github-api-version': '2025-04-01',
} as const;

/** The GitHub-API side (token exchange, user, quota) sends the same editor identity ([PP] copilot_auth.go). */
export function githubHeaders(githubToken: string): Record<string, string> {
  return {
    authorization: `token ${githubToken}`,
    accept: 'application/json',
    'user-agent': COPILOT_HEADERS['user-agent'],
    'editor-version': COPILOT_HEADERS['editor-version'],
    'editor-plugin-version': COPILOT_HEADERS['editor-plugin-version'],
  };
}

/** Re-mint the Copilot token this long before its `expires_at` ([PP] tokenExpiryBuffer = 5 min). */
export const COPILOT_REFRESH_BEFORE_USE_MS = 5 * 60_000;
/** When the exchange gives no `expires_at` ([PP] githubCopilotTokenCacheTTL = 25 min). */
export const COPILOT_FALLBACK_TTL_MS = 25 * 60_000;

/**
 * The Copilot API base for a credential: its `base-url`, else an `api` endpoint the user configured, else the host the
 * token exchange named (`endpoints.api`: business and enterprise seats get their own), else the public one — the
 * order of [PP] resolveOAuthBaseURLWithOverride.
 */
export function copilotApiBase(credential: { baseUrl?: string; account?: { endpoints: Readonly<Record<string, string>> } }, apiBase: string | undefined): string {
  const configured = credential.account?.endpoints.api;
  return credential.baseUrl || (configured && configured !== COPILOT_ENDPOINTS.api ? configured : undefined) || apiBase || COPILOT_ENDPOINTS.api;
}
