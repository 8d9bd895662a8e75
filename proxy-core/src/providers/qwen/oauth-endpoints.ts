/**
 * Qwen Code's public OAuth client and endpoints (reference/inventory-providers.md §6.1; CLIProxyAPI
 * internal/auth/qwen/qwen_auth.go before Qwen was removed, still in cliproxyapi-plusplus pkg/llmproxy/auth/qwen).
 */
export const QWEN_CLIENT_ID = 'f0304373b74a44d2b584a3fb70ca9e56';
export const QWEN_SCOPES = 'openid profile email model.completion';
export const QWEN_DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Named endpoints, each overridable (`oauth-endpoints.qwen.<name>` or `CLIPROXY_QWEN_<NAME>_URL`). */
export const QWEN_ENDPOINTS = {
  deviceCode: 'https://chat.qwen.ai/api/v1/oauth2/device/code',
  token: 'https://chat.qwen.ai/api/v1/oauth2/token',
  /** Used when the account has no `resource_url` (or when overridden in config: then it wins, as in the reference). */
  api: 'https://portal.qwen.ai/v1',
} as const;

/** What the Qwen Code CLI sends (cliproxyapi-plusplus qwen_executor.go `applyQwenHeaders`; reference §6.1 2). */
export const QWEN_USER_AGENT = 'QwenCode/0.14.2 (darwin; arm64)';
