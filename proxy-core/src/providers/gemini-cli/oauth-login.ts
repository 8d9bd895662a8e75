import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext, AuthorizationCodeFlow } from '../../login/login-types.js';
import { exchangeGoogleCode, fetchGoogleEmail, googleAuthorizeUrl, refreshGoogleToken } from '../code-assist/index.js';
import { GEMINI_CLI_CALLBACK, GEMINI_CLI_CLIENT } from './oauth-endpoints.js';
import { setupProjects } from './project-setup.js';

/**
 * Gemini CLI's login: Google authorization code without PKCE on `http://localhost:8085/oauth2callback`
 * (Google accepts any loopback port), then the e-mail and the Code Assist project set-up.
 */
export const geminiCliBrowserLogin: AuthorizationCodeFlow = {
  kind: 'authorization-code',
  pkce: false,
  callback: { port: GEMINI_CLI_CALLBACK.port, path: GEMINI_CLI_CALLBACK.path, host: 'localhost', anyPort: true },
  authorizeUrl: ({ context, redirectUri, state }) => googleAuthorizeUrl(context.endpoint('authorize'), GEMINI_CLI_CLIENT, redirectUri, state),
  async exchange({ context, code, redirectUri }) {
    const tokens = await exchangeGoogleCode(context, GEMINI_CLI_CLIENT, { code, redirectUri });
    const email = await fetchGoogleEmail(context, tokens.accessToken);
    const setup = await setupProjects(context, tokens.accessToken, context.options.projectId);
    return {
      tokens,
      label: email,
      email,
      identity: `${email}|${setup.projects.join(',')}`,
      plan: setup.tier,
      projects: setup.projects,
      attributes: { auto: String(setup.auto), checked: 'false' },
    };
  },
};

/** A new access token from the refresh token (Google keeps the refresh token; the file keeps its project). */
export async function refreshGeminiCli(context: AccountContext, record: AccountRecord): Promise<AccountRecord> {
  const tokens = await refreshGoogleToken(context, GEMINI_CLI_CLIENT, record.tokens.refreshToken);
  return { ...record, tokens: { ...tokens, idToken: tokens.idToken ?? record.tokens.idToken } };
}
