/**
 * Kiro's endpoints (reference/inventory-providers.md §7.1; [PP] pkg/llmproxy/auth/kiro/sso_oidc.go, oauth.go,
 * executor/kiro_transform.go). `{region}` is replaced by the account's region (`us-east-1` by default), so
 * an IAM Identity Center account in another region talks to its own OIDC and CodeWhisperer hosts. Each entry
 * is overridable (`oauth-endpoints.kiro.<name>` / `CLIPROXY_KIRO_<NAME>_URL`), which is how tests and
 * gateways point them elsewhere.
 */
export const KIRO_ENDPOINTS = {
  /** AWS SSO-OIDC: `/client/register`, `/device_authorization`, `/token`. */
  oidc: 'https://oidc.{region}.amazonaws.com',
  /** Kiro's own auth service (Google / GitHub logins): `/login`, `/oauth/token`, `/refreshToken`. */
  social: 'https://prod.us-east-1.auth.desktop.kiro.dev',
  /** CodeWhisperer: `/generateAssistantResponse`, `/getUsageLimits`, `/listAvailableModels`. */
  api: 'https://codewhisperer.{region}.amazonaws.com',
} as const;

export const DEFAULT_KIRO_REGION = 'us-east-1';
/** Builder ID accounts start here; IAM Identity Center accounts bring their own start URL. */
export const BUILDER_ID_START_URL = 'https://view.awsapps.com/start';

/** The region an account talks to: its file's `region`, else the one in its profile ARN, else us-east-1. */
export function kiroRegion(attributes: Readonly<Record<string, string>>): string {
  if (attributes.region) return attributes.region;
  const fromArn = /^arn:aws:codewhisperer:([a-z0-9-]+):/.exec(attributes.profileArn ?? '')?.[1];
  return fromArn ?? DEFAULT_KIRO_REGION;
}

export function withRegion(url: string, region: string): string {
  return url.replaceAll('{region}', region).replace(/\/+$/, '');
}
