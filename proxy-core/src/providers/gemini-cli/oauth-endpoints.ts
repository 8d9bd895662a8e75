import type { GoogleClient } from '../code-assist/index.js';

/**
 * Gemini CLI's public installed-app OAuth client (inventory §2.3). The secret is not a secret: Google's
 * installed-app flow embeds it in the client. Value: `OAUTH_CLIENT_SECRET` in google-gemini/gemini-cli
 * `packages/core/src/code_assist/oauth2.ts` (also `ClientSecret` in router-for-me/CLIProxyAPI
 * `internal/auth/gemini/gemini_auth.go` at dd49a5200381).
 */
export const GEMINI_CLI_CLIENT: GoogleClient = {
  clientId: '681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com',
  clientSecret: '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',
  scopes: ['https://www.googleapis.com/auth/cloud-platform', 'https://www.googleapis.com/auth/userinfo.email', 'https://www.googleapis.com/auth/userinfo.profile'],
};

export const GEMINI_CLI_CALLBACK = { port: 8085, path: '/oauth2callback' } as const;

/** Named endpoints, each overridable (`oauth-endpoints.gemini-cli.<name>` or `CLIPROXY_GEMINI_CLI_<NAME>_URL`). */
export const GEMINI_CLI_ENDPOINTS = {
  /** Go's `google.Endpoint`, which the reference uses. */
  authorize: 'https://accounts.google.com/o/oauth2/auth',
  token: 'https://oauth2.googleapis.com/token',
  /** Called with `?alt=json`. */
  userinfo: 'https://www.googleapis.com/oauth2/v1/userinfo',
  /** Code Assist: generate, loadCodeAssist, onboardUser, retrieveUserQuota. */
  api: 'https://cloudcode-pa.googleapis.com',
  /** Cloud Resource Manager, for `ALL` projects at login. */
  projects: 'https://cloudresourcemanager.googleapis.com',
} as const;

/** What the reference sends as Gemini CLI 0.34 (inventory §2.3 "Headers"). */
export const GEMINI_CLI_VERSION = '0.34.0';
export const GEMINI_CLI_API_CLIENT = 'google-genai-sdk/1.41.0 gl-node/v22.19.0';

/** `GeminiCLI/<version>/<model> (<os>; <arch>; terminal)`, with Node's platform and arch names. */
export function geminiCliUserAgent(model: string, platform: string = process.platform, arch: string = process.arch): string {
  return `GeminiCLI/${GEMINI_CLI_VERSION}/${model || 'unknown'} (${platform}; ${arch}; terminal)`;
}
