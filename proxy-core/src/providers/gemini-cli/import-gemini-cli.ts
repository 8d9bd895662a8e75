import type { AccountRecord } from '../../credentials/account.js';
import { fetchGoogleEmail, refreshGoogleToken } from '../code-assist/index.js';
import type { AccountImporter } from '../provider-definition.js';
import { parseGeminiCliFile } from './account-file.js';
import { GEMINI_CLI_CLIENT } from './oauth-endpoints.js';
import { setupProject } from './project-setup.js';
import { text } from '../../shared/json-values.js';


/**
 * Gemini CLI's own login (`~/.gemini/oauth_creds.json`: `{access_token, refresh_token, scope, token_type,
 * id_token, expiry_date}`): it names neither the account nor the project, so the e-mail comes from userinfo and
 * the project from loadCodeAssist (Google's choice, as Gemini CLI itself does without GOOGLE_CLOUD_PROJECT).
 * And CLIProxyAPI's `gemini-*.json` files as they are.
 */
export const geminiCliImporters: readonly AccountImporter[] = [
  {
    description: 'Gemini CLI (~/.gemini/oauth_creds.json)',
    defaultPaths: ['.gemini/oauth_creds.json'],
    async read(data, context) {
      if (data.type !== undefined || typeof data.access_token !== 'string' || typeof data.refresh_token !== 'string' || data.expiry_date === undefined) return undefined;
      const expiry = Number(data.expiry_date);
      let tokens: AccountRecord['tokens'] = {
        accessToken: data.access_token,
        refreshToken: data.refresh_token,
        idToken: text(data.id_token),
        expiresAt: Number.isFinite(expiry) && expiry > 0 ? expiry : undefined,
      };
      if (tokens.expiresAt === undefined || tokens.expiresAt - context.clock.now() < 60_000) {
        tokens = { ...(await refreshGoogleToken(context, GEMINI_CLI_CLIENT, tokens.refreshToken)), idToken: tokens.idToken };
      }
      const email = await fetchGoogleEmail(context, tokens.accessToken);
      const setup = await setupProject(context, tokens.accessToken);
      return {
        tokens,
        label: email,
        email,
        identity: `${email}|${setup.project}`,
        plan: setup.tier,
        projects: [setup.project],
        attributes: { auto: 'true', checked: 'false' },
      };
    },
  },
  {
    description: 'CLIProxyAPI (gemini-*.json)',
    defaultPaths: [],
    async read(data) {
      return data.type === 'gemini' ? parseGeminiCliFile(data) : undefined;
    },
  },
];
