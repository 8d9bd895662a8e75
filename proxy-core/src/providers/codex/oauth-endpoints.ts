/** The Codex CLI's public OAuth client and OpenAI's endpoints (reference/inventory-providers.md §4.1). */
export const CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
export const CODEX_SCOPES = 'openid email profile offline_access';
/** Refreshes ask for less than the login (what the Codex CLI and CLIProxyAPI send). */
export const CODEX_REFRESH_SCOPES = 'openid profile email';
/** OpenAI registered only this port and path for the Codex client. */
export const CODEX_CALLBACK = { port: 1455, path: '/auth/callback' } as const;
/** The redirect URI of the device-code login's final exchange. */
export const CODEX_DEVICE_REDIRECT_URI = 'https://auth.openai.com/deviceauth/callback';

/** Named endpoints, each overridable (`oauth-endpoints.codex.<name>` or `CLIPROXY_CODEX_<NAME>_URL`). */
export const CODEX_ENDPOINTS = {
  authorize: 'https://auth.openai.com/oauth/authorize',
  token: 'https://auth.openai.com/oauth/token',
  deviceUserCode: 'https://auth.openai.com/api/accounts/deviceauth/usercode',
  deviceToken: 'https://auth.openai.com/api/accounts/deviceauth/token',
  /** The page where the user types the device code. */
  deviceVerification: 'https://auth.openai.com/codex/device',
  api: 'https://chatgpt.com/backend-api/codex',
  usage: 'https://chatgpt.com/backend-api/wham/usage',
} as const;

/** What CLIProxyAPI sends by default ("cloaking"): subscription traffic looks like the Codex TUI. */
export const CODEX_USER_AGENT = 'codex-tui/0.146.0 (Mac OS 26.5.0; arm64) iTerm.app/3.6.10 (codex-tui; 0.146.0)';
export const CODEX_ORIGINATOR = 'codex-tui';
/** The id_token claim with the ChatGPT account facts. */
export const OPENAI_AUTH_CLAIM = 'https://api.openai.com/auth';
