import { asObject } from './fake-content.js';
import { envelopeProblem, failureAnswer, googleRpcError, wrappedGenerateAnswer, type FakeCodeAssistFailure } from './fake-code-assist-answers.js';
import type { FakeOAuthServer } from './fake-oauth.js';
import { DEFAULT_FAKE_TEXT, startFakeUpstream } from './fake-upstream.js';
import type { FakeResponse, FakeUpstream, RecordedRequest } from './fake-upstream-types.js';

/** The Google account behind the tokens, shared by every host of one backend (Antigravity's daily and prod). */
export interface FakeCodeAssistUser {
  /** The project loadCodeAssist reports with a current tier (an account that is set up); undefined = a new account. */
  project?: string;
  /** The tier of a set-up account, and the default tier offered to a new one. */
  tier: string;
  /** The project onboarding creates when none was asked for (free tier). */
  onboardProject: string;
  /** The projects Cloud Resource Manager lists (for `ALL`). */
  cloudProjects: string[];
}

export interface FakeCodeAssistState {
  user: FakeCodeAssistUser;
  /** Projects the backend serves; requests naming another project get 403. */
  projects: Set<string>;
  /** Onboarding operations stay pending while held. */
  holding: boolean;
  operation?: { name: string; project: string; polls: number };
  nextOperation: number;
}

export interface FakeQuotaData {
  /** `retrieveUserQuota` buckets (Gemini CLI). */
  buckets: Array<{ modelId: string; tokenType: string; remainingFraction: number; remainingAmount: string; resetTime: string }>;
  /** `fetchAvailableModels` (Antigravity): id → model with `quotaInfo`. */
  models: Record<string, { displayName: string; maxTokens: number; maxOutputTokens: number; quotaInfo?: { remainingFraction: number; resetTime: string } }>;
  /** `retrieveUserQuotaSummary` groups (Antigravity). */
  groups: Array<{ displayName: string; description: string; buckets: Array<{ bucketId: string; displayName: string; window: string; resetTime: string; remainingFraction: number; description: string }> }>;
}

export interface FakeCodeAssist {
  upstream: FakeUpstream;
  url: string;
  state: FakeCodeAssistState;
  quota: FakeQuotaData;
  /** Keeps onboarding pending until `releaseOnboarding()` (shared by the hosts of one backend). */
  holdOnboarding(): void;
  releaseOnboarding(): void;
  /** The next `times` (default 1) generate calls on this host that match answer with `failure`. */
  fail(failure: FakeCodeAssistFailure, match?: { project?: string; model?: string; token?: string }, times?: number): void;
  clearFailures(): void;
  /** generate, stream and countTokens calls this host accepted or refused. */
  generateRequests(): RecordedRequest[];
  close(): Promise<void>;
}

export interface FakeCodeAssistOptions {
  /** Only tokens this server issued (and that are still valid) are accepted. */
  oauth: FakeOAuthServer;
  flavour: 'gemini-cli' | 'antigravity';
  /** Share one account between several hosts. */
  state?: FakeCodeAssistState;
  text?: string;
  tools?: boolean;
}

const GENERATE = /\/v1internal:(generateContent|streamGenerateContent|countTokens)$/;
const ENVELOPE_KEYS = { 'gemini-cli': ['model', 'project', 'request', 'user_prompt_id'], antigravity: ['model', 'project', 'request', 'userAgent', 'requestType', 'requestId', 'enabledCreditTypes'] } as const;

export function createFakeCodeAssistState(user: Partial<FakeCodeAssistUser> = {}): FakeCodeAssistState {
  const full: FakeCodeAssistUser = { tier: 'free-tier', onboardProject: 'auto-project-4821', cloudProjects: ['proj-alpha', 'proj-beta'], ...user };
  return { user: full, projects: new Set([full.project, full.onboardProject, ...full.cloudProjects].filter((item): item is string => Boolean(item))), holding: false, nextOperation: 1 };
}

function defaultQuota(): FakeQuotaData {
  const reset = new Date(Date.now() + 6 * 3_600_000).toISOString();
  return {
    buckets: [
      { modelId: 'gemini-2.5-pro', tokenType: 'REQUESTS', remainingFraction: 0.8, remainingAmount: '80', resetTime: reset },
      { modelId: 'gemini-2.5-flash', tokenType: 'REQUESTS', remainingFraction: 0.95, remainingAmount: '950', resetTime: reset },
    ],
    models: {
      'claude-sonnet-4-6': { displayName: 'Claude Sonnet 4.6 (Thinking)', maxTokens: 200_000, maxOutputTokens: 64_000, quotaInfo: { remainingFraction: 0.4, resetTime: reset } },
      'gemini-3-flash': { displayName: 'Gemini 3 Flash', maxTokens: 1_048_576, maxOutputTokens: 65_536, quotaInfo: { remainingFraction: 1, resetTime: reset } },
      chat_20706: { displayName: 'internal', maxTokens: 1, maxOutputTokens: 1 },
    },
    groups: [{ displayName: 'Claude models', description: 'Anthropic models', buckets: [{ bucketId: 'claude-weekly', displayName: 'Weekly', window: 'WEEKLY', resetTime: reset, remainingFraction: 0.4, description: 'Weekly Claude quota' }] }],
  };
}

/**
 * Google Code Assist (`cloudcode-pa.googleapis.com/v1internal`) offline, for Gemini CLI and Antigravity: Bearer
 * check against the fake OAuth server, loadCodeAssist for set-up and new accounts, onboardUser as a long-running
 * operation (polled by name, or posted again), generate / stream inside the `{response: …}` envelope, countTokens,
 * the quota calls, Cloud Resource Manager's project list, the envelope check (a body without `model`, `project`
 * or `request` — or with unknown fields — is refused as Google refuses it) and scripted 429 / 503 answers.
 */
export async function startFakeCodeAssist(options: FakeCodeAssistOptions): Promise<FakeCodeAssist> {
  const state = options.state ?? createFakeCodeAssistState();
  const failures: Array<{ failure: FakeCodeAssistFailure; match: { project?: string; model?: string; token?: string }; remaining: number }> = [];
  const antigravity = options.flavour === 'antigravity';
  const bearer = (request: RecordedRequest) => /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];

  const guard = (request: RecordedRequest): FakeResponse | undefined => {
    if (!options.oauth.isValidAccessToken(bearer(request))) {
      return googleRpcError(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    }
    const generate = GENERATE.exec(request.path);
    if (!generate) return undefined;
    const problem = envelopeProblem(request.body, ENVELOPE_KEYS[options.flavour], { countTokens: generate[1] === 'countTokens', antigravity });
    if (problem) return googleRpcError(400, problem);
    const body = asObject(request.body)!;
    if (generate[1] === 'countTokens') return undefined;
    if (!state.projects.has(String(body.project))) return googleRpcError(403, `Permission denied on resource project ${String(body.project)}.`);
    const index = failures.findIndex(({ match }) => (match.project === undefined || match.project === body.project) && (match.model === undefined || match.model === body.model) && (match.token === undefined || match.token === bearer(request)));
    if (index === -1) return undefined;
    const scripted = failures[index];
    if (--scripted.remaining <= 0) failures.splice(index, 1);
    return failureAnswer(scripted.failure, String(body.model));
  };

  const upstream = await startFakeUpstream({ guard });
  const quota = defaultQuota();
  const answerOptions = { text: options.text ?? DEFAULT_FAKE_TEXT, tools: options.tools ?? false };
  const model = (request: RecordedRequest) => String(asObject(request.body)?.model ?? 'gemini-2.5-pro');

  upstream.script({ method: 'POST', path: '/v1internal:generateContent' }, (request) => wrappedGenerateAnswer(request, model(request), false, answerOptions));
  upstream.script({ method: 'POST', path: '/v1internal:streamGenerateContent' }, (request) => wrappedGenerateAnswer(request, model(request), true, answerOptions));
  upstream.script({ method: 'POST', path: '/v1internal:countTokens' }, (request) => ({ kind: 'json', body: { totalTokens: Math.max(1, Math.ceil(JSON.stringify(asObject(request.body)?.request ?? {}).length / 4)) } }));

  upstream.script({ method: 'POST', path: '/v1internal:loadCodeAssist' }, (request) => {
    const { user } = state;
    const tiers = [
      { id: 'free-tier', name: 'Gemini Code Assist for individuals', isDefault: user.tier === 'free-tier' },
      { id: 'standard-tier', name: 'Gemini Code Assist Standard', isDefault: user.tier !== 'free-tier', userDefinedCloudaicompanionProject: true },
    ];
    const asked = asObject(request.body)?.cloudaicompanionProject;
    if (!user.project) return { kind: 'json', body: { allowedTiers: tiers } };
    const project = typeof asked === 'string' && state.projects.has(asked) && user.tier !== 'free-tier' ? asked : user.project;
    return { kind: 'json', body: { currentTier: { id: user.tier, name: tiers.find((tier) => tier.id === user.tier)?.name ?? user.tier }, allowedTiers: tiers, cloudaicompanionProject: project } };
  });

  const finishedOperation = (operation: NonNullable<FakeCodeAssistState['operation']>): FakeResponse => {
    state.user.project ??= operation.project;
    state.projects.add(operation.project);
    state.operation = undefined;
    return {
      kind: 'json',
      body: { name: operation.name, done: true, response: { '@type': 'type.googleapis.com/google.internal.cloud.code.v1internal.OnboardUserResponse', cloudaicompanionProject: { id: operation.project, name: operation.project } } },
    };
  };
  const poll = (): FakeResponse => {
    const operation = state.operation;
    if (!operation) return googleRpcError(404, 'Operation not found.');
    operation.polls += 1;
    return state.holding ? { kind: 'json', body: { name: operation.name, done: false } } : finishedOperation(operation);
  };
  upstream.script({ method: 'POST', path: '/v1internal:onboardUser' }, (request) => {
    const body = asObject(request.body) ?? {};
    const tier = body.tierId ?? body.tier_id;
    if (typeof tier !== 'string' || !tier) return googleRpcError(400, 'Request contains an invalid argument: tier_id is required.');
    const asked = typeof body.cloudaicompanionProject === 'string' ? body.cloudaicompanionProject : undefined;
    if (asked && tier === 'free-tier') return googleRpcError(400, 'Precondition Failed: the free tier uses a Google-managed project; do not name one.');
    if (state.operation) return poll();
    state.operation = { name: `operations/onboard-${state.nextOperation++}`, project: asked ?? state.user.onboardProject, polls: 0 };
    return { kind: 'json', body: { name: state.operation.name, done: false } };
  });
  upstream.script({ method: 'GET', path: /^\/v1internal\/operations\/[^/]+$/ }, (request) => (state.operation && request.path.endsWith(state.operation.name) ? poll() : googleRpcError(404, 'Operation not found.')));

  upstream.script({ method: 'POST', path: '/v1internal:retrieveUserQuota' }, (request) => {
    const project = asObject(request.body)?.project;
    return typeof project === 'string' && state.projects.has(project) ? { kind: 'json', body: { buckets: quota.buckets } } : googleRpcError(403, `Permission denied on resource project ${String(project)}.`);
  });
  upstream.script({ method: 'POST', path: '/v1internal:fetchAvailableModels' }, () => ({ kind: 'json', body: { models: quota.models, webSearchModelIds: ['gemini-3-flash'] } }));
  upstream.script({ method: 'POST', path: '/v1internal:retrieveUserQuotaSummary' }, () => ({ kind: 'json', body: { groups: quota.groups } }));
  upstream.script({ method: 'GET', path: '/v1/projects' }, () => ({
    kind: 'json',
    body: { projects: state.user.cloudProjects.map((projectId) => ({ projectId, name: projectId, projectNumber: String(100000 + projectId.length), lifecycleState: 'ACTIVE' })) },
  }));

  return {
    upstream,
    url: upstream.url,
    state,
    quota,
    holdOnboarding: () => void (state.holding = true),
    releaseOnboarding: () => void (state.holding = false),
    fail: (failure, match = {}, times = 1) => void failures.push({ failure, match, remaining: times }),
    clearFailures: () => void failures.splice(0),
    generateRequests: () => upstream.requests.filter((request) => GENERATE.test(request.path)),
    close: () => upstream.close(),
  };
}
