/**
 * iFlow's OAuth client (public constants of the iFlow CLI integration) and endpoints: reference
 * inventory-providers.md §6.2; CLIProxyAPI internal/auth/iflow/iflow_auth.go (before iFlow was removed).
 */
export const IFLOW_CLIENT_ID = '10009311001';
export const IFLOW_CLIENT_SECRET = '4Z3YjXycVsQvyGF1etiNlIBB4RsqSDtW';
/** The reference's local callback (any port works: the authorize page redirects wherever `redirect` says). */
export const IFLOW_CALLBACK = { port: 11451, path: '/oauth2callback' } as const;

/** Named endpoints, each overridable (`oauth-endpoints.iflow.<name>` or `CLIPROXY_IFLOW_<NAME>_URL`). */
export const IFLOW_ENDPOINTS = {
  authorize: 'https://iflow.cn/oauth',
  token: 'https://iflow.cn/oauth/token',
  userinfo: 'https://iflow.cn/api/oauth/getUserInfo',
  api: 'https://apis.iflow.cn/v1',
  /** Cookie mode: the platform's API-key endpoint (GET names the key, POST rotates it). */
  apikey: 'https://platform.iflow.cn/api/openapi/apikey',
} as const;

export const IFLOW_USER_AGENT = 'iFlow-Cli';
