import type { AccountRecord } from '../credentials/account.js';
import type { Clock } from '../shared/clock.js';
import type { OAuthHttp } from './oauth-http.js';

/** What a provider's login, refresh and quota code may use. */
export interface AccountContext {
  http: OAuthHttp;
  /** The provider's named endpoint (`token`, `authorize`, `api`, …) after config and env overrides. */
  endpoint(name: string): string;
  clock: Clock;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

export interface LoginContext extends AccountContext {
  /** Options the user gave for this login. */
  options: { projectId?: string; startUrl?: string; region?: string };
  /** A progress line shown to the user while the login finishes (project set-up, …). */
  progress(message: string): void;
}

/** Authorization code grant with a local callback (and, for `manual`, a pasted callback address). */
export interface AuthorizationCodeFlow {
  kind: 'authorization-code';
  pkce: boolean;
  callback: {
    /** The vendor's registered default port. */
    port: number;
    path: string;
    /** The host name in the redirect URI (`localhost` or `127.0.0.1`), as the vendor registered it. */
    host: 'localhost' | '127.0.0.1';
    /** True when the vendor accepts any loopback port (Google installed apps, Claude); false = only `port`. */
    anyPort: boolean;
  };
  /**
   * For the manual flow: a vendor page that shows the code to copy (Claude's `code#state` page). Without
   * one, the manual flow uses the local redirect and the user copies the address the browser fails to load.
   */
  manualRedirectUri?: string;
  authorizeUrl(input: { context: AccountContext; redirectUri: string; state: string; codeChallenge?: string }): string;
  exchange(input: { context: LoginContext; code: string; redirectUri: string; codeVerifier?: string; state: string }): Promise<AccountRecord>;
}

export interface DeviceAuthorization {
  /** Opaque values the poll needs (device code, verifier…): kept server-side, never shown. */
  handle: Record<string, string>;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  intervalSeconds: number;
  expiresInSeconds: number;
}

export type DevicePollResult = { status: 'pending' } | { status: 'slow-down' } | { status: 'done'; account: AccountRecord };

/** Device authorization grant (RFC 8628 or a vendor's variant). Denial and expiry throw an OAuthError. */
export interface DeviceCodeFlow {
  kind: 'device-code';
  start(context: LoginContext): Promise<DeviceAuthorization>;
  poll(context: LoginContext, authorization: DeviceAuthorization): Promise<DevicePollResult>;
}

export type LoginFlow = AuthorizationCodeFlow | DeviceCodeFlow;
