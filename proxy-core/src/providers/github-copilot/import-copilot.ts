import type { AccountImporter } from '../provider-definition.js';
import { copilotRecord, parseCopilotFile } from './account-file.js';
import { COPILOT_CLIENT_ID, githubHeaders } from './endpoints.js';
import { exchangeCopilotToken } from './token-exchange.js';
import { text } from '../../shared/json-values.js';

type Json = Record<string, unknown>;
const object = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);

/**
 * The Copilot editor plugins' own login: `apps.json` keyed `github.com:<client id>` (JetBrains, Neovim copilot.lua,
 * newer VS Code) and the older `hosts.json` keyed `github.com`, each `{user, oauth_token, githubAppId?}`. An entry of
 * the Copilot plugins' client is preferred. The token is checked by minting a Copilot token (which also proves the
 * seat); the user name is asked from GitHub when the file has none.
 */
export const copilotImporters: readonly AccountImporter[] = [
  {
    description: 'GitHub Copilot editor plugins (~/.config/github-copilot/apps.json or hosts.json)',
    defaultPaths: ['.config/github-copilot/apps.json', '.config/github-copilot/hosts.json', 'AppData/Local/github-copilot/apps.json'],
    async read(data, context) {
      const entries = Object.entries(data).filter(([key, value]) => (key === 'github.com' || key.startsWith('github.com:')) && text(object(value)?.oauth_token));
      if (entries.length === 0) return undefined;
      const [, chosen] = entries.find(([key]) => key === `github.com:${COPILOT_CLIENT_ID}`) ?? entries[0];
      const entry = object(chosen)!;
      const githubToken = text(entry.oauth_token)!;
      let username = text(entry.user);
      if (!username) {
        const user = await context.http.request({ url: context.endpoint('user'), method: 'GET', headers: githubHeaders(githubToken) });
        username = text(object(user.json)?.login);
      }
      return exchangeCopilotToken(context, copilotRecord({ githubToken, username }));
    },
  },
  {
    description: 'CLIProxyAPI Plus (github-copilot-*.json)',
    defaultPaths: [],
    async read(data) {
      return data.type === 'github-copilot' ? parseCopilotFile(data) : undefined;
    },
  },
];
