import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext, AuthorizationCodeFlow } from '../../login/login-types.js';
import { jsonObject } from '../../login/oauth-http.js';
import { OAuthError } from '../../login/oauth-error.js';
import { CLAUDE_CALLBACK, CLAUDE_CLIENT_ID, CLAUDE_SCOPES, OAUTH_BETA } from './oauth-endpoints.js';
import { object, text } from '../../shared/json-values.js';

/** Anthropic's token endpoint sits behind Cloudflare and expects the headers Claude Code sends. */
const TOKEN_HEADERS = { accept: 'application/json, text/plain, */*', 'content-type': 'application/json', 'user-agent': 'axios/1.15.2' };


/** A token response (`{access_token, refresh_token, expires_in, account{uuid, email_address}, organization{uuid, name}}`) as a record. */
export function recordFromTokens(body: Record<string, unknown>, now: number, previous?: AccountRecord): AccountRecord {
  const accessToken = text(body.access_token);
  if (!accessToken) throw new OAuthError('Anthropic answered without an access token.', { code: 'bad_response' });
  const account = object(body.account);
  const organization = object(body.organization);
  const email = text(account.email_address) ?? text(account.email) ?? previous?.email;
  const attributes = { ...previous?.attributes };
  if (text(account.uuid)) attributes.accountUuid = text(account.uuid)!;
  if (text(organization.uuid)) attributes.organizationUuid = text(organization.uuid)!;
  if (text(organization.name)) attributes.organizationName = text(organization.name)!;
  const expiresIn = Number(body.expires_in);
  return {
    tokens: {
      accessToken,
      refreshToken: text(body.refresh_token) ?? previous?.tokens.refreshToken,
      expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : undefined,
      refreshedAt: now,
    },
    label: email ?? attributes.organizationName ?? previous?.label ?? 'Claude account',
    email,
    identity: attributes.accountUuid ?? email ?? previous?.identity ?? accessToken.slice(-16),
    plan: previous?.plan,
    attributes,
  };
}

/** Claude Code's login: authorization code + PKCE S256; Anthropic accepts any localhost port for `/callback`. */
export const claudeBrowserLogin: AuthorizationCodeFlow = {
  kind: 'authorization-code',
  pkce: true,
  callback: { port: CLAUDE_CALLBACK.port, path: CLAUDE_CALLBACK.path, host: 'localhost', anyPort: true },
  manualRedirectUri: 'https://platform.claude.com/oauth/code/callback',
  authorizeUrl({ context, redirectUri, state, codeChallenge }) {
    const url = new URL(context.endpoint('authorize'));
    url.searchParams.set('code', 'true');
    url.searchParams.set('client_id', CLAUDE_CLIENT_ID);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', CLAUDE_SCOPES);
    url.searchParams.set('code_challenge', codeChallenge ?? '');
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('state', state);
    return url.toString();
  },
  async exchange({ context, code, redirectUri, codeVerifier, state }) {
    const response = await context.http.request({
      url: context.endpoint('token'),
      headers: TOKEN_HEADERS,
      json: { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: CLAUDE_CLIENT_ID, code_verifier: codeVerifier, state },
    });
    const record = recordFromTokens(jsonObject(response, 'The Claude token exchange'), context.clock.now());
    return record.email ? record : withProfile(context, record);
  },
};

/** Fills e-mail and organization from `GET /api/oauth/profile` (best effort: the login works without it). */
export async function withProfile(context: AccountContext, record: AccountRecord): Promise<AccountRecord> {
  const response = await context.http
    .request({ url: context.endpoint('profile'), headers: { authorization: `Bearer ${record.tokens.accessToken}`, 'anthropic-beta': OAUTH_BETA } })
    .catch(() => undefined);
  if (!response || response.status >= 400) return record;
  const body = object(response.json);
  const account = object(body.account);
  const organization = object(body.organization);
  const email = text(account.email) ?? text(account.email_address) ?? record.email;
  const attributes = { ...record.attributes };
  if (text(account.uuid)) attributes.accountUuid = text(account.uuid)!;
  if (text(organization.uuid)) attributes.organizationUuid = text(organization.uuid)!;
  if (text(organization.name)) attributes.organizationName = text(organization.name)!;
  const plan = text(organization.organization_type) ?? text(account.subscription_type) ?? record.plan;
  return { ...record, email, label: email ?? record.label, identity: attributes.accountUuid ?? email ?? record.identity, plan, attributes };
}

/** `grant_type=refresh_token` (JSON); a response without a new refresh token keeps the old one. */
export async function refreshClaude(context: AccountContext, record: AccountRecord): Promise<AccountRecord> {
  if (!record.tokens.refreshToken) throw new OAuthError('This Claude account has no refresh token.', { code: 'invalid_grant', permanent: true });
  const response = await context.http.request({
    url: context.endpoint('token'),
    headers: TOKEN_HEADERS,
    json: { client_id: CLAUDE_CLIENT_ID, grant_type: 'refresh_token', refresh_token: record.tokens.refreshToken, scope: CLAUDE_SCOPES },
  });
  if (response.status === 429) {
    const seconds = Number(response.headers['retry-after']);
    const wait = Math.min(300, Math.max(5, Number.isFinite(seconds) ? seconds : 60));
    throw new OAuthError(`Anthropic is rate-limiting token refreshes; retrying in ${wait}s.`, { code: 'rate_limited', status: 429, retryAt: context.clock.now() + wait * 1000 });
  }
  return recordFromTokens(jsonObject(response, 'The Claude token refresh'), context.clock.now(), record);
}
