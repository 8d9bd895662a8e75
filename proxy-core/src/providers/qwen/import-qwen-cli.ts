import { readExpiry } from '../../credentials/account-entry.js';
import type { AccountImporter } from '../provider-definition.js';
import { parseQwenFile, qwenRecord } from './account-file.js';
import { text } from '../../shared/json-values.js';


/**
 * The Qwen Code CLI's own login (`~/.qwen/oauth_creds.json`: `{access_token, refresh_token, token_type,
 * resource_url, expiry_date}` with `expiry_date` in epoch ms), and CLIProxyAPI's `qwen-*.json` files.
 */
export const qwenImporters: readonly AccountImporter[] = [
  {
    description: 'Qwen Code CLI (~/.qwen/oauth_creds.json)',
    defaultPaths: ['.qwen/oauth_creds.json'],
    async read(data) {
      const accessToken = text(data.access_token);
      if (!accessToken || data.type !== undefined || !('resource_url' in data || 'expiry_date' in data)) return undefined;
      return qwenRecord({ accessToken, refreshToken: text(data.refresh_token), resourceUrl: text(data.resource_url), expiresAt: readExpiry(data, ['expiry_date']) });
    },
  },
  {
    description: 'CLIProxyAPI (qwen-*.json)',
    defaultPaths: [],
    async read(data) {
      return data.type === 'qwen' ? parseQwenFile(data) : undefined;
    },
  },
];
