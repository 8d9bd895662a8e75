import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext, AuthorizationCodeFlow } from '../../login/login-types.js';
import { jsonObject, tokenEndpointError } from '../../login/oauth-http.js';
import { OAuthError } from '../../login/oauth-error.js';
import { codexRecord } from './account-file.js';
import { CODEX_CALLBACK, CODEX_CLIENT_ID, CODEX_REFRESH_SCOPES, CODEX_SCOPES } from './oauth-endpoints.js';
import { text } from '../../shared/json-values.js';


/** A token response (`{access_token, refresh_token, id_token, expires_in}`) as a record; `previous` fills what a refresh leaves out. */
export function recordFromTokens(body: Record<string, unknown>, now: number, previous?: AccountRecord): AccountRecord {
  const accessToken = text(body.access_token);
  if (!accessToken) throw new OAuthError('OpenAI answered without an access token.', { code: 'bad_response' });
  const expiresIn = Number(body.expires_in);
  const record = codexRecord({
    accessToken,
    // OpenAI rotates refresh tokens: the new one replaces the old, which stops working.
    refreshToken: text(body.refresh_token) ?? previous?.tokens.refreshToken,
    idToken: text(body.id_token) ?? previous?.tokens.idToken,
    accountId: previous?.attributes.accountId,
    email: previous?.email,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : undefined,
    refreshedAt: now,
    plan: previous?.plan,
  });
  return { ...record, attributes: { ...previous?.attributes, ...record.attributes } };
}

/** `grant_type=authorization_code` (form-encoded), shared by the browser and the device login. */
export async function exchangeCode(context: AccountContext, input: { code: string; redirectUri: string; codeVerifier?: string }): Promise<AccountRecord> {
  const response = await context.http.request({
    url: context.endpoint('token'),
    form: { grant_type: 'authorization_code', client_id: CODEX_CLIENT_ID, code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier ?? '' },
  });
  const record = recordFromTokens(jsonObject(response, 'The OpenAI token exchange'), context.clock.now());
  if (!record.attributes.accountId) {
    context.log('warn', 'the id_token names no ChatGPT account id; requests may be refused until the next login');
  }
  return record;
}

/**
 * The Codex CLI's login: authorization code + PKCE S256 at auth.openai.com. OpenAI accepts only the
 * registered `http://localhost:1455/auth/callback`, so a busy port means the manual (paste) flow.
 */
export const codexBrowserLogin: AuthorizationCodeFlow = {
  kind: 'authorization-code',
  pkce: true,
  callback: { port: CODEX_CALLBACK.port, path: CODEX_CALLBACK.path, host: 'localhost', anyPort: false },
  authorizeUrl({ context, redirectUri, state, codeChallenge }) {
    const url = new URL(context.endpoint('authorize'));
    url.searchParams.set('client_id', CODEX_CLIENT_ID);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', CODEX_SCOPES);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', codeChallenge ?? '');
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('prompt', 'login');
    url.searchParams.set('id_token_add_organizations', 'true');
    url.searchParams.set('codex_cli_simplified_flow', 'true');
    return url.toString();
  },
  exchange: ({ context, code, redirectUri, codeVerifier }) => exchangeCode(context, { code, redirectUri, codeVerifier }),
};

const REFRESH_ATTEMPTS = 3;

/**
 * `grant_type=refresh_token` (form, scope `openid profile email`), up to 3 tries for network and 5xx failures.
 * A reused or revoked refresh token (`refresh_token_reused`, `invalid_grant`) is permanent: only a new login helps.
 */
export async function refreshCodex(context: AccountContext, record: AccountRecord): Promise<AccountRecord> {
  const refreshToken = record.tokens.refreshToken;
  if (!refreshToken) throw new OAuthError('This ChatGPT account has no refresh token.', { code: 'invalid_grant', permanent: true });
  let lastError: unknown;
  for (let attempt = 1; attempt <= REFRESH_ATTEMPTS; attempt++) {
    try {
      const response = await context.http.request({
        url: context.endpoint('token'),
        form: { client_id: CODEX_CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken, scope: CODEX_REFRESH_SCOPES },
      });
      if (response.status < 500) return recordFromTokens(jsonObject(response, 'The OpenAI token refresh'), context.clock.now(), record);
      lastError = tokenEndpointError(response, 'The OpenAI token refresh');
    } catch (error) {
      if (error instanceof OAuthError && (error.permanent || (error.status !== undefined && error.status < 500))) throw error;
      lastError = error;
    }
    if (attempt < REFRESH_ATTEMPTS) await context.clock.sleep(500 * attempt);
  }
  throw lastError;
}
