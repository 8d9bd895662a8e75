import type { AccountRecord } from '../../credentials/account.js';
import type { AccountContext, AuthorizationCodeFlow } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { defaultTierId, exchangeGoogleCode, fetchGoogleEmail, googleAuthorizeUrl, onboardUser, postCodeAssist, projectIn, refreshGoogleToken } from '../code-assist/index.js';
import {
  ANTIGRAVITY_CALLBACK,
  ANTIGRAVITY_CLIENT,
  ANTIGRAVITY_GOOG_API_CLIENT,
  ANTIGRAVITY_ONBOARD_USER_AGENT,
  ANTIGRAVITY_REFRESH_USER_AGENT,
  ANTIGRAVITY_USER_AGENT,
  ANTIGRAVITY_VERSION,
} from './oauth-endpoints.js';

const PROJECT_KEYS = ['cloudaicompanionProject', 'projectId', 'project'] as const;

/**
 * The account's project ([CPA] internal/auth/antigravity/auth.go `FetchProjectID`): `loadCodeAssist
 * {metadata: {ideType: "ANTIGRAVITY"}}` on the prod host; without a project there, `onboardUser` on the daily
 * host with the default tier (else the current one, else `free-tier`), posted up to 5 times 2 s apart.
 */
export async function discoverAntigravityProject(context: AccountContext & { progress?(message: string): void }, accessToken: string): Promise<string> {
  const load = await postCodeAssist(context, { base: context.endpoint('apiFallback'), accessToken, headers: { 'user-agent': ANTIGRAVITY_USER_AGENT, accept: '*/*' } }, 'loadCodeAssist', {
    metadata: { ideType: 'ANTIGRAVITY' },
  });
  const loaded = projectIn(load, PROJECT_KEYS);
  if (loaded) return loaded;
  context.progress?.('Setting up Antigravity for this Google account…');
  const operation = await onboardUser(
    context,
    { base: context.endpoint('api'), accessToken, headers: { 'user-agent': ANTIGRAVITY_ONBOARD_USER_AGENT, accept: '*/*', 'x-goog-api-client': ANTIGRAVITY_GOOG_API_CLIENT } },
    { tier_id: defaultTierId(load, 'free-tier', true), metadata: { ide_type: 'ANTIGRAVITY', ide_version: ANTIGRAVITY_VERSION, ide_name: 'antigravity' } },
    { poll: 'repost', delaysMs: [2000], maxPolls: 4, onPending: () => context.progress?.('Setting up Antigravity: waiting for Google to finish…') },
  );
  const project = projectIn(operation.response, PROJECT_KEYS);
  if (!project) throw new OAuthError('Google finished the Antigravity set-up without a project.', { code: 'project_required', nextStep: 'Open Antigravity once with this account, then log in again.' });
  return project;
}

/** Antigravity's login: Google authorization code without PKCE on `http://localhost:51121/oauth-callback`. */
export const antigravityBrowserLogin: AuthorizationCodeFlow = {
  kind: 'authorization-code',
  pkce: false,
  callback: { port: ANTIGRAVITY_CALLBACK.port, path: ANTIGRAVITY_CALLBACK.path, host: 'localhost', anyPort: true },
  authorizeUrl: ({ context, redirectUri, state }) => googleAuthorizeUrl(context.endpoint('authorize'), ANTIGRAVITY_CLIENT, redirectUri, state),
  async exchange({ context, code, redirectUri }) {
    const tokens = await exchangeGoogleCode(context, ANTIGRAVITY_CLIENT, { code, redirectUri });
    const email = await fetchGoogleEmail(context, tokens.accessToken, { 'user-agent': ANTIGRAVITY_USER_AGENT });
    const project = await discoverAntigravityProject(context, tokens.accessToken);
    return { tokens, label: email, email, identity: email, projects: [project], attributes: {} };
  },
};

/** A new access token (refresh token kept); a file without a project gets one again, as the reference's executor does. */
export async function refreshAntigravity(context: AccountContext, record: AccountRecord): Promise<AccountRecord> {
  const tokens = await refreshGoogleToken(context, ANTIGRAVITY_CLIENT, record.tokens.refreshToken, { 'user-agent': ANTIGRAVITY_REFRESH_USER_AGENT });
  let projects = record.projects ?? [];
  if (projects.length === 0) {
    const project = await discoverAntigravityProject(context, tokens.accessToken).catch((error: Error) => {
      context.log('warn', `the project could not be found again: ${error.message}`);
      return undefined;
    });
    if (project) projects = [project];
  }
  return { ...record, tokens, projects };
}
