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

/** The region of an account's logins and token refreshes: its file's `region`, else the profile ARN's, else us-east-1. */
export function kiroAuthRegion(attributes: Readonly<Record<string, string>>): string {
  return attributes.region ?? regionOfArn(attributes.profileArn) ?? DEFAULT_KIRO_REGION;
}

function regionOfArn(arn: string | undefined): string | undefined {
  return /^arn:aws:codewhisperer:([a-z0-9-]+):/.exec(arn ?? '')?.[1];
}

/**
 * The region CodeWhisperer is called in ([PP] kiro_transform.go): `api_region`, else the one in the profile ARN,
 * else us-east-1. Not the login's `region`: an Identity Center may live where CodeWhisperer has no endpoint.
 */
export function kiroRegion(attributes: Readonly<Record<string, string>>): string {
  const fromArn = regionOfArn(attributes.profileArn);
  if (attributes.apiRegion) return attributes.apiRegion;
  if (fromArn) return fromArn;
  return DEFAULT_KIRO_REGION;
}

export function withRegion(url: string, region: string): string {
  return url.replaceAll('{region}', region).replace(/\/+$/, '');
}
