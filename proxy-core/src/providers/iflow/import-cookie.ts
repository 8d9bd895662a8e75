import type { AccountImporter } from '../provider-definition.js';
import { parseIflowFile } from './account-file.js';
import { cookieApiKey } from './cookie.js';

/**
 * CLIProxyAPI's `iflow-*.json` files (OAuth or cookie mode), and a file holding only the platform.iflow.cn session
 * cookie (`{"cookie": "BXAuth=…"}`, what `--iflow-cookie` takes): the key is fetched and rotated with it.
 */
export const iflowImporters: readonly AccountImporter[] = [
  {
    description: 'CLIProxyAPI (iflow-*.json)',
    defaultPaths: [],
    async read(data) {
      return data.type === 'iflow' && typeof data.api_key === 'string' && data.api_key ? parseIflowFile(data) : undefined;
    },
  },
  {
    description: 'iFlow session cookie ({"cookie": "BXAuth=…"})',
    defaultPaths: [],
    async read(data, context) {
      const cookie = typeof data.cookie === 'string' ? data.cookie : undefined;
      if (!cookie?.includes('BXAuth=') || (typeof data.api_key === 'string' && data.api_key)) return undefined;
      return cookieApiKey(context, cookie);
    },
  },
];
