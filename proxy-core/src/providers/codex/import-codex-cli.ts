import { readTime } from '../../credentials/account-entry.js';
import type { AccountImporter } from '../provider-definition.js';
import { codexRecord, parseCodexFile } from './account-file.js';
import { text } from '../../shared/json-values.js';


/**
 * The Codex CLI's own login (`~/.codex/auth.json`: `{OPENAI_API_KEY, tokens: {id_token, access_token,
 * refresh_token, account_id}, last_refresh}`; a file with only an API key is not an account), and CLIProxyAPI's
 * `codex-*.json` files.
 */
export const codexImporters: readonly AccountImporter[] = [
  {
    description: 'Codex CLI (~/.codex/auth.json)',
    defaultPaths: ['.codex/auth.json'],
    async read(data) {
      const tokens = data.tokens && typeof data.tokens === 'object' ? (data.tokens as Record<string, unknown>) : undefined;
      const accessToken = text(tokens?.access_token);
      if (!tokens || !accessToken) return undefined;
      return codexRecord({
        accessToken,
        refreshToken: text(tokens.refresh_token),
        idToken: text(tokens.id_token),
        accountId: text(tokens.account_id),
        refreshedAt: readTime(data.last_refresh),
      });
    },
  },
  {
    description: 'CLIProxyAPI (codex-*.json)',
    defaultPaths: [],
    async read(data) {
      return data.type === 'codex' ? parseCodexFile(data) : undefined;
    },
  },
];
