/**
 * A login or refresh that failed, with a stable code and the next step for the user. `permanent` means
 * retrying with the same refresh token cannot work (`invalid_grant`, a revoked token): the account needs
 * a new login.
 */
export class OAuthError extends Error {
  readonly code: string;
  readonly status?: number;
  readonly permanent: boolean;
  readonly nextStep: string;
  /** When the vendor asked us to wait before trying again (epoch ms). */
  readonly retryAt?: number;

  constructor(message: string, options: { code: string; status?: number; permanent?: boolean; nextStep?: string; retryAt?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'OAuthError';
    this.code = options.code;
    this.status = options.status;
    this.permanent = options.permanent ?? false;
    this.nextStep = options.nextStep ?? (options.permanent ? 'Log in to this account again.' : 'Try again in a minute; if it keeps failing, log in again.');
    this.retryAt = options.retryAt;
  }
}

/** OAuth error codes that mean the refresh token is dead (RFC 6749 §5.2 and the vendors' variants). */
const PERMANENT_CODES = new Set(['invalid_grant', 'refresh_token_reused', 'refresh_token_expired', 'refresh_token_invalidated', 'invalid_refresh_token', 'unauthorized_client', 'token_revoked']);

export function isPermanentOAuthCode(code: string | undefined): boolean {
  return code !== undefined && PERMANENT_CODES.has(code);
}
