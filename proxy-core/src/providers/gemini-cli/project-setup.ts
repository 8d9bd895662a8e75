/**
 * Which Google Cloud projects a Gemini CLI login uses, and their Code Assist set-up (inventory §2.3
 * "Project onboarding"), in the order Gemini CLI's own `setupUser` does it:
 *  1. `loadCodeAssist {metadata, cloudaicompanionProject?}`;
 *  2. an account that already has a tier and a project is ready (nothing to set up);
 *  3. otherwise `onboardUser {tierId, metadata, cloudaicompanionProject?}` with the default allowed tier
 *     (fallback `legacy-tier`), without a project for the free tier (Google manages that one), and the
 *     long-running operation polled until `done`; the project Google answers with wins over the one asked for.
 * The user may ask for one project, a comma list or `ALL` (every active project the account can list).
 */
import type { LoginContext } from '../../login/login-types.js';
import { OAuthError } from '../../login/oauth-error.js';
import { jsonObject } from '../../login/oauth-http.js';
import { defaultTierId, onboardUser, postCodeAssist, projectIdOf, projectIn, type CodeAssistTarget } from '../code-assist/index.js';
import { geminiCliUserAgent } from './oauth-endpoints.js';

const METADATA = { ideType: 'IDE_UNSPECIFIED', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI' } as const;

/** Polls after 1 s, 2 s, 4 s, then every 5 s (Gemini CLI's interval), for about two minutes. */
const POLL_DELAYS_MS = [1000, 2000, 4000, 5000];
const MAX_POLLS = 26;

export interface ProjectSetup {
  project: string;
  tier?: string;
  /** True when Google chose the project (free tier / auto-discovery). */
  auto: boolean;
}

type ProgressContext = Pick<LoginContext, 'http' | 'endpoint' | 'clock' | 'log'> & { progress?(message: string): void };

function target(context: ProgressContext, accessToken: string): CodeAssistTarget {
  return { base: context.endpoint('api'), accessToken, headers: { 'user-agent': geminiCliUserAgent('') } };
}

/** One project's set-up; `requested` undefined = let Google pick (auto-discovery). */
export async function setupProject(context: ProgressContext, accessToken: string, requested?: string): Promise<ProjectSetup> {
  const api = target(context, accessToken);
  const load = await postCodeAssist(context, api, 'loadCodeAssist', { metadata: METADATA, ...(requested ? { cloudaicompanionProject: requested } : {}) });
  const current = load.currentTier && typeof load.currentTier === 'object' ? (load.currentTier as Record<string, unknown>) : undefined;
  const paid = load.paidTier && typeof load.paidTier === 'object' ? (load.paidTier as Record<string, unknown>) : undefined;
  const loadedProject = projectIn(load);
  if (current && (loadedProject || requested)) {
    const tier = String(paid?.id ?? current.id ?? '') || undefined;
    return { project: loadedProject ?? requested!, tier, auto: !requested };
  }
  const tierId = defaultTierId(load, 'legacy-tier');
  const withProject = requested !== undefined && tierId !== 'free-tier';
  const what = requested ? ` for project ${requested}` : '';
  context.progress?.(`Setting up Gemini Code Assist${what}…`);
  const operation = await onboardUser(
    context,
    api,
    { tierId, metadata: METADATA, ...(withProject ? { cloudaicompanionProject: requested } : {}) },
    {
      poll: 'operation',
      delaysMs: POLL_DELAYS_MS,
      maxPolls: MAX_POLLS,
      onPending: () => context.progress?.(`Setting up Gemini Code Assist${what}: waiting for Google to finish…`),
    },
  );
  const response = operation.response && typeof operation.response === 'object' ? (operation.response as Record<string, unknown>) : {};
  const project = projectIdOf(response.cloudaicompanionProject) ?? requested;
  if (!project) {
    const reasons = (Array.isArray(load.ineligibleTiers) ? load.ineligibleTiers : [])
      .map((tier) => (tier && typeof tier === 'object' ? (tier as Record<string, unknown>).reasonMessage : undefined))
      .filter((reason): reason is string => typeof reason === 'string');
    throw new OAuthError(`Google did not assign a Cloud project to this account${reasons.length ? ` (${reasons.join('; ')})` : ''}.`, {
      code: 'project_required',
      nextStep: 'Log in again with a Google Cloud project id (or ALL) that has the Gemini for Google Cloud API enabled.',
    });
  }
  if (requested && project !== requested) context.log('info', `Gemini Code Assist uses project ${project} for the requested project ${requested}`);
  return { project, tier: tierId, auto: !requested };
}

/** Every active project the account can list (Cloud Resource Manager), for `ALL`. */
async function listProjects(context: ProgressContext, accessToken: string): Promise<string[]> {
  const response = await context.http.request({ url: `${context.endpoint('projects')}/v1/projects`, headers: { authorization: `Bearer ${accessToken}` } });
  const body = jsonObject(response, 'Listing the Google Cloud projects');
  const projects = (Array.isArray(body.projects) ? body.projects : [])
    .map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>) : {}))
    .filter((item) => item.lifecycleState === undefined || item.lifecycleState === 'ACTIVE')
    .map((item) => (typeof item.projectId === 'string' ? item.projectId : ''))
    .filter(Boolean);
  if (projects.length === 0) {
    throw new OAuthError('This Google account has no active Cloud projects to use for ALL.', { code: 'project_required', nextStep: 'Create a project in the Google Cloud console, or log in without a project id.' });
  }
  return projects;
}

/** The projects of a login: none asked = Google's choice; one id; a comma list; or `ALL`. Duplicates are dropped. */
export async function setupProjects(context: ProgressContext, accessToken: string, requested: string | undefined): Promise<{ projects: string[]; tier?: string; auto: boolean }> {
  const asked = (requested ?? '').trim();
  context.progress?.('Setting up Gemini Code Assist…');
  if (!asked) {
    const setup = await setupProject(context, accessToken);
    return { projects: [setup.project], tier: setup.tier, auto: true };
  }
  const list = asked.toUpperCase() === 'ALL' ? await listProjects(context, accessToken) : asked.split(',').map((item) => item.trim()).filter(Boolean);
  const projects: string[] = [];
  let tier: string | undefined;
  for (const id of list) {
    const setup = await setupProject(context, accessToken, id);
    tier ??= setup.tier;
    if (!projects.includes(setup.project)) projects.push(setup.project);
  }
  return { projects, tier, auto: false };
}
