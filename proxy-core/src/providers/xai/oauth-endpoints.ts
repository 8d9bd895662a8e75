/**
 * The Grok CLI's public OAuth client at auth.x.ai and the subscription API (reference/inventory-providers.md §5.2;
 * CLIProxyAPI internal/auth/xai/types.go, internal/runtime/executor/xai_executor.go).
 */
export const XAI_CLIENT_ID = 'b1a00492-073a-47ea-816f-4c329264a828';
export const XAI_SCOPE = 'openid profile email offline_access grok-cli:access api:access';
export const XAI_DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** The Grok CLI version its inference proxy expects (reference §5.2, CLIProxyAPI at a7e3596b7e35). */
export const GROK_CLI_VERSION = '0.2.120';

/** Named endpoints, each overridable (`oauth-endpoints.xai.<name>` or `CLIPROXY_XAI_<NAME>_URL`). */
export const XAI_OAUTH_ENDPOINTS = {
  /** OIDC discovery; names the device authorization and token endpoints. */
  discovery: 'https://auth.x.ai/.well-known/openid-configuration',
  /** The Grok CLI inference proxy (Responses API at `{api}/responses`). */
  api: 'https://cli-chat-proxy.grok.com/v1',
  /** xAI's public API; accounts send `/responses/compact` here (reference §5.2). */
  officialApi: 'https://api.x.ai/v1',
} as const;
