import type { AccountRecord } from '../credentials/account.js';
import type { LoginStatus, LoginView } from '../server/management/contract.js';
import type { Pkce } from './pkce.js';
import type { DeviceAuthorization } from './login-types.js';

/** One login in progress, server-side: the view plus what must stay secret (state, verifier, device code). */
export interface LoginSession extends Omit<LoginView, 'startedAt' | 'expiresAt'> {
  /** Epoch ms (the view shows ISO text). */
  startedAt: number;
  expiresAt: number;
  /** Secrets, never in the view. */
  state: string;
  pkce?: Pkce;
  redirectUri?: string;
  device?: DeviceAuthorization;
  /** Options the user gave (Gemini CLI project). */
  projectId?: string;
  /** Kiro IAM Identity Center: access portal URL and region. */
  startUrl?: string;
  region?: string;
  /** Set once a callback was accepted: later ones are refused as replays. */
  consumed: boolean;
  /** Listeners waiting for a terminal status. */
  waiters: Array<(view: LoginView) => void>;
  cleanup: Array<() => void | Promise<void>>;
  /** The finished account record, for callers in the same process (the CLI prints it). */
  record?: AccountRecord;
}

export const TERMINAL: ReadonlySet<LoginStatus> = new Set(['done', 'error', 'cancelled', 'expired']);

export function viewOf(session: LoginSession): LoginView {
  return {
    id: session.id,
    provider: session.provider,
    providerName: session.providerName,
    flow: session.flow,
    status: session.status,
    url: session.url,
    userCode: session.userCode,
    callbackUrl: session.callbackUrl,
    tunnelCommand: session.tunnelCommand,
    message: session.message,
    startedAt: new Date(session.startedAt).toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
    account: session.account,
    error: session.error,
  };
}
