import { createHash } from 'node:crypto';
import type { AccountImporter } from '../provider-definition.js';
import { parseClaudeFile } from './account-file.js';
import { withProfile } from './oauth-login.js';

/**
 * Claude Code's own login (`~/.claude/.credentials.json`: `{claudeAiOauth: {accessToken, refreshToken,
 * expiresAt, scopes, subscriptionType}}`), and CLIProxyAPI's `claude-*.json` files.
 */
export const claudeImporters: readonly AccountImporter[] = [
  {
    description: 'Claude Code (~/.claude/.credentials.json)',
    defaultPaths: ['.claude/.credentials.json'],
    async read(data, context) {
      const oauth = data.claudeAiOauth as Record<string, unknown> | undefined;
      if (!oauth || typeof oauth.accessToken !== 'string') return undefined;
      const refreshToken = typeof oauth.refreshToken === 'string' ? oauth.refreshToken : undefined;
      const expiresAt = typeof oauth.expiresAt === 'number' ? oauth.expiresAt : undefined;
      const record = await withProfile(context, {
        tokens: { accessToken: oauth.accessToken, refreshToken, expiresAt },
        label: 'Claude Code account',
        identity: createHash('sha256').update(refreshToken ?? oauth.accessToken).digest('hex').slice(0, 16),
        plan: typeof oauth.subscriptionType === 'string' ? oauth.subscriptionType : undefined,
        attributes: {},
      });
      return record;
    },
  },
  {
    description: 'CLIProxyAPI (claude-*.json)',
    defaultPaths: [],
    async read(data) {
      return data.type === 'claude' ? parseClaudeFile(data) : undefined;
    },
  },
];
