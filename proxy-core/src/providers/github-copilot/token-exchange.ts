import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { copilotRecord } from './account-file.js';
import { COPILOT_FALLBACK_TTL_MS, githubHeaders } from './endpoints.js';
import { object, text } from '../../shared/json-values.js';


/** GitHub's `{message}` or the exchange's `error_details.message`, for the account view (never a token). */
function reason(json: unknown, status: number): string {
  const body = object(json);
  return text(object(body.error_details).message) ?? text(body.message) ?? `HTTP ${status}`;
}

/**
 * `GET copilot_internal/v2/token` with `Authorization: token <github token>` → `{token, expires_at (s), refresh_in,
 * endpoints: {api, …}, sku}` ([PLUS] internal/auth/copilot/copilot_auth.go; [PP] github_copilot_executor.go ensureAPIToken).
 * 401 = the GitHub token was revoked; 403/404 = the GitHub user has no Copilot seat: both need the user, so they are
 * permanent (the account says "log in again" and is not retried in a loop).
 */
export async function exchangeCopilotToken(context: AccountContext, record: AccountRecord): Promise<AccountRecord> {
  const githubToken = record.tokens.refreshToken;
  if (!githubToken) throw new OAuthError('This GitHub Copilot account has no GitHub token.', { code: 'invalid_grant', permanent: true });
  const response = await context.http.request({ url: context.endpoint('copilotToken'), method: 'GET', headers: githubHeaders(githubToken) });
  if (response.status === 401) {
    throw new OAuthError(`GitHub refused the saved GitHub token (HTTP 401: ${reason(response.json, 401)}); it was revoked or expired.`, { code: 'invalid_grant', status: 401, permanent: true });
  }
  if (response.status === 403 || response.status === 404) {
    throw new OAuthError(`GitHub gives this account no Copilot token (HTTP ${response.status}: ${reason(response.json, response.status)}); it has no active Copilot subscription.`, {
      code: 'not_entitled',
      status: response.status,
      permanent: true,
      nextStep: 'Check the Copilot subscription at github.com/settings/copilot, then log in again.',
    });
  }
  if (response.status >= 400) {
    const retryAfter = Number(response.headers['retry-after']);
    throw new OAuthError(`The Copilot token exchange failed (HTTP ${response.status}: ${reason(response.json, response.status)}).`, {
      code: response.status === 429 ? 'rate_limited' : `http_${response.status}`,
      status: response.status,
      retryAt: Number.isFinite(retryAfter) && retryAfter > 0 ? context.clock.now() + retryAfter * 1000 : undefined,
    });
  }
  const body = object(response.json);
  const token = text(body.token);
  if (!token) throw new OAuthError('The Copilot token exchange answered without a token.', { code: 'bad_response', status: response.status });
  const expiresAtSeconds = typeof body.expires_at === 'number' && body.expires_at > 0 ? body.expires_at : undefined;
  const now = context.clock.now();
  return copilotRecord({
    githubToken,
    username: record.attributes.username,
    tokenType: record.attributes.tokenType,
    scope: record.attributes.scope,
    copilotToken: token,
    expiresAt: expiresAtSeconds ? expiresAtSeconds * 1000 : now + COPILOT_FALLBACK_TTL_MS,
    refreshedAt: now,
    apiBase: text(object(body.endpoints).api)?.replace(/\/+$/, ''),
    // The seat's SKU (e.g. `monthly_subscriber`, `copilot_for_business_seat`) is the plan the account view shows.
    plan: text(body.sku) ?? record.plan,
  });
}
