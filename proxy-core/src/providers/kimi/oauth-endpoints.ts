/**
 * Kimi Code's public OAuth client and endpoints (reference/inventory-providers.md §5.1; CLIProxyAPI
 * internal/auth/kimi/kimi.go, internal/runtime/executor/kimi_executor.go).
 */
export const KIMI_CLIENT_ID = '17e5f671-d194-4dfb-9706-5516cb48c098';
export const KIMI_DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Named endpoints, each overridable (`oauth-endpoints.kimi.<name>` or `CLIPROXY_KIMI_<NAME>_URL`). */
export const KIMI_ENDPOINTS = {
  deviceCode: 'https://auth.kimi.com/api/oauth/device_authorization',
  token: 'https://auth.kimi.com/api/oauth/token',
  /** The Kimi Code API; chat at `{api}/v1/chat/completions`. */
  api: 'https://api.kimi.com/coding',
  usage: 'https://api.kimi.com/coding/v1/usages',
} as const;

/** What the kimi CLI sends on API calls (kimi_executor.go `applyKimiHeaders`). */
export const KIMI_CLI_VERSION = '1.10.6';
export const KIMI_USER_AGENT = `KimiCLI/${KIMI_CLI_VERSION}`;
