import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { jsonObject } from '../../login/oauth-http.js';
import { iflowRecord } from './account-file.js';
import { text } from '../../shared/json-values.js';

const BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/91.0.4472.124 Safari/537.36';

/** `expireTime` is `YYYY-MM-DD HH:MM` in China time (UTC+8). */
export function parseExpireTime(value: string | undefined): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(value ?? '');
  if (!match) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number);
  return Date.UTC(year, month - 1, day, hour - 8, minute);
}

/** iFlow's cookie sign-in works only with the `BXAuth` session cookie of platform.iflow.cn. */
export function checkCookie(cookie: string): string {
  const trimmed = cookie.trim();
  if (!/(^|;\s*)BXAuth=/.test(trimmed)) throw new OAuthError('The iFlow cookie has no BXAuth= part.', { code: 'invalid_cookie', nextStep: 'Copy the whole Cookie header of platform.iflow.cn after signing in (it contains BXAuth=…).' });
  return trimmed;
}

/**
 * Cookie mode (CLIProxyAPI `--iflow-cookie`): `GET apikey` names the key, `POST apikey {name}` rotates it and answers
 * `{success, data: {apiKey, expireTime, name}}`; the key's expiry is the account's.
 */
export async function cookieApiKey(context: AccountContext, cookie: string, previous?: AccountRecord): Promise<AccountRecord> {
  const headers = { cookie: checkCookie(cookie), 'user-agent': BROWSER_UA, accept: 'application/json, text/plain, */*' };
  let name = previous?.email;
  if (!name) {
    const info = jsonObject(await context.http.request({ url: context.endpoint('apikey'), method: 'GET', headers }), 'The iFlow API key lookup');
    name = text((info.data as Record<string, unknown> | undefined)?.name);
    if (info.success !== true || !name) throw new OAuthError(`iFlow refused the cookie (${text(info.message) ?? 'no key name'}).`, { code: 'invalid_cookie', permanent: true, nextStep: 'Sign in at platform.iflow.cn again and copy a fresh cookie.' });
  }
  const rotated = jsonObject(
    await context.http.request({ url: context.endpoint('apikey'), headers: { ...headers, origin: 'https://platform.iflow.cn', referer: 'https://platform.iflow.cn/' }, json: { name } }),
    'The iFlow API key refresh',
  );
  const data = (rotated.data ?? {}) as Record<string, unknown>;
  const apiKey = text(data.apiKey);
  if (rotated.success !== true || !apiKey) throw new OAuthError(`iFlow did not renew the API key (${text(rotated.message) ?? 'no key'}).`, { code: 'invalid_cookie', permanent: true, nextStep: 'Sign in at platform.iflow.cn again and copy a fresh cookie.' });
  const now = context.clock.now();
  const record = iflowRecord({ accessToken: '', apiKey, email: name, createdAt: Number(previous?.attributes.createdAt) || Math.floor(now / 1000), expiresAt: parseExpireTime(text(data.expireTime)), refreshedAt: now });
  record.attributes.cookie = cookie.trim();
  return record;
}
