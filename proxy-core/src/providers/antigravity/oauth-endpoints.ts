import type { GoogleClient } from '../code-assist/index.js';

/**
 * Antigravity's public installed-app OAuth client (inventory §2.5). The secret is a public constant of the
 * client: `ClientSecret` in router-for-me/CLIProxyAPI `internal/auth/antigravity/constants.go` (at a7e3596b7e35,
 * the revision the inventory cites).
 */
export const ANTIGRAVITY_CLIENT: GoogleClient = {
  clientId: '1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com',
  clientSecret: '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',
  scopes: [
    'https://www.googleapis.com/auth/cloud-platform',
    'https://www.googleapis.com/auth/userinfo.email',
    'https://www.googleapis.com/auth/userinfo.profile',
    'https://www.googleapis.com/auth/cclog',
    'https://www.googleapis.com/auth/experimentsandconfigs',
  ],
};

export const ANTIGRAVITY_CALLBACK = { port: 51121, path: '/oauth-callback' } as const;

/**
 * Named endpoints, each overridable (`oauth-endpoints.antigravity.<name>` or `CLIPROXY_ANTIGRAVITY_<NAME>_URL`).
 * Requests go to `api` (the daily host) first and to `apiFallback` (prod) next; loadCodeAssist uses prod and
 * onboardUser the daily host, as the reference does.
 */
export const ANTIGRAVITY_ENDPOINTS = {
  authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  /** Called with `?alt=json`. */
  userinfo: 'https://www.googleapis.com/oauth2/v2/userinfo',
  api: 'https://daily-cloudcode-pa.googleapis.com',
  apiFallback: 'https://cloudcode-pa.googleapis.com',
} as const;

/** The reference's fallback version (it reads the live one from Antigravity's updater every few hours). */
export const ANTIGRAVITY_VERSION = '2.9.1';
export const ANTIGRAVITY_USER_AGENT = `antigravity/hub/${ANTIGRAVITY_VERSION} darwin/arm64`;
/** onboardUser is sent the way the IDE's Node client sends it. */
export const ANTIGRAVITY_ONBOARD_USER_AGENT = `${ANTIGRAVITY_USER_AGENT} google-api-nodejs-client/10.3.0`;
export const ANTIGRAVITY_GOOG_API_CLIENT = 'gl-node/22.21.1';
/** The quota summary is read the way Antigravity's CLI reads it. */
export const ANTIGRAVITY_QUOTA_USER_AGENT = 'antigravity/cli/1.0.13 (aidev_client; os_type=darwin; arch=arm64)';
/** Token refreshes go out as the reference's Go client. */
export const ANTIGRAVITY_REFRESH_USER_AGENT = 'Go-http-client/2.0';
