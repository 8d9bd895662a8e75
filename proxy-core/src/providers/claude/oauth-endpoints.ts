/** Claude Code's public OAuth client and Anthropic's endpoints (reference/inventory-providers.md §3.2). */
export const CLAUDE_CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';
export const CLAUDE_SCOPES = 'user:profile user:inference user:sessions:claude_code user:mcp_servers user:file_upload';
export const CLAUDE_CALLBACK = { port: 54545, path: '/callback' } as const;

/** Named endpoints, each overridable (`oauth-endpoints.claude.<name>` or `CLIPROXY_CLAUDE_<NAME>_URL`). */
export const CLAUDE_ENDPOINTS = {
  authorize: 'https://claude.ai/oauth/authorize',
  token: 'https://platform.claude.com/v1/oauth/token',
  /** The hosted page that shows `code#state` for the manual (paste) login. */
  manualRedirect: 'https://platform.claude.com/oauth/code/callback',
  api: 'https://api.anthropic.com',
  profile: 'https://api.anthropic.com/api/oauth/profile',
  usage: 'https://api.anthropic.com/api/oauth/usage',
} as const;

/** What Claude Code 2.1 sends; OAuth tokens are only accepted from Claude Code-shaped traffic. */
export const CLAUDE_CODE_USER_AGENT = 'claude-cli/2.1.220 (external, cli)';
export const OAUTH_BETA = 'oauth-2025-04-20';
export const CLAUDE_CODE_BETAS = ['claude-code-20250219', OAUTH_BETA, 'interleaved-thinking-2025-05-14'] as const;
export const CLAUDE_CODE_IDENTITY = "You are Claude Code, Anthropic's official CLI for Claude.";
