import { randomBytes } from 'node:crypto';
import type { AccountRecord } from '../credentials/account.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { LoginFlowName, LoginProviderView, LoginStart, LoginView } from '../server/management/contract.js';
import { createCancellation } from '../shared/cancellation.js';
import type { Clock } from '../shared/clock.js';
import { ProxyError } from '../shared/errors.js';
import { startCallbackServer, type CallbackReply } from './callback-server.js';
import { TERMINAL, viewOf, type LoginSession } from './login-session.js';
import type { AccountContext, AuthorizationCodeFlow, DeviceCodeFlow, LoginContext } from './login-types.js';
import { OAuthError } from './oauth-error.js';
import { parsePastedCallback, type CallbackParams } from './parse-callback.js';
import { createPkce, createState } from './pkce.js';
import { normalizeProvider } from './provider-aliases.js';

/** The last sentence of a browser login's message, for the dashboard (the CLI says it in its own words). */
export const BROWSER_WAIT_SENTENCE = 'Open the link and approve access; this page updates by itself.';

export interface LoginServiceDeps {
  providers: ReadonlyMap<string, ProviderDefinition>;
  context(providerId: string): AccountContext;
  /** Stores a finished login (writes the auth file) and says which credential it became. */
  save(providerId: string, record: AccountRecord): Promise<{ id: string; label: string; file: string }>;
  clock: Clock;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  /** How to reach this machine over SSH (`user@host`, or `user@<your-server>` when its name is not an address), for the tunnel hint. */
  hostname: string;
  /** Which program holds a port, when it can be told. */
  portOwner?(port: number): Promise<string | undefined>;
  /** How long a login may wait for the user (default 10 minutes). */
  sessionTtlMs?: number;
  /** Masks secrets in vendor-provided error text before a login view (management, UI, CLI) shows it. */
  scrub?(text: string): string;
}

export interface LoginService {
  providers(): LoginProviderView[];
  start(input: LoginStart): Promise<LoginView>;
  get(id: string): LoginView | undefined;
  /** The login whose OAuth `state` this is (a pasted callback address names only that), or undefined. */
  idForState?(state: string): string | undefined;
  /** The user pasted the callback address (or code). */
  callback(id: string, pasted: string): Promise<LoginView>;
  cancel(id: string): LoginView;
  /** Resolves with the final view (done, error, cancelled, expired). */
  wait(id: string): Promise<LoginView>;
  /** The account record of a finished login (same process only; never over HTTP). */
  record(id: string): AccountRecord | undefined;
  close(): Promise<void>;
}

const KEEP_FINISHED_MS = 30 * 60_000;

/**
 * Runs logins for every provider with subscription accounts: the browser flow (local callback server, with
 * a pasted callback as the fallback), the manual flow (paste only) and the device-code flow. Sessions are
 * in memory; each times out after 10 minutes.
 */
export function createLoginService(deps: LoginServiceDeps): LoginService {
  const sessions = new Map<string, LoginSession>();
  const ttl = deps.sessionTtlMs ?? 10 * 60_000;

  const supportFor = (name: string) => {
    const normalized = normalizeProvider(name);
    const provider = deps.providers.get(normalized.id);
    if (!provider?.accounts) {
      const hint = normalized.unsupportedHint ?? `Known logins: ${[...deps.providers.values()].filter((item) => item.accounts).map((item) => item.id).join(', ')}.`;
      throw new ProxyError(`"${name}" is not a provider you can log in to. ${hint}`, { status: 400, code: 'invalid_request', details: { provider: normalized.id } });
    }
    return { provider, accounts: provider.accounts };
  };

  const prune = () => {
    const now = deps.clock.now();
    for (const [id, session] of sessions) if (TERMINAL.has(session.status) && session.expiresAt + KEEP_FINISHED_MS < now) sessions.delete(id);
  };

  const settle = async (session: LoginSession, status: LoginSession['status'], changes: Partial<LoginSession>) => {
    if (TERMINAL.has(session.status)) return;
    Object.assign(session, changes, { status });
    const cleanup = session.cleanup.splice(0);
    await Promise.all(cleanup.map((run) => Promise.resolve(run()).catch(() => undefined)));
    const view = viewOf(session);
    for (const waiter of session.waiters.splice(0)) waiter(view);
    deps.log(status === 'done' ? 'info' : 'warn', `login ${session.provider}: ${status}${session.error ? ` (${session.error.code}: ${session.error.message})` : ''}`, { login: session.id });
  };

  const scrub = deps.scrub ?? ((text: string) => text);
  const failWith = (session: LoginSession, error: unknown) => {
    const oauth = error instanceof OAuthError ? error : undefined;
    const message = scrub((error as Error).message);
    return settle(session, 'error', {
      error: {
        code: oauth?.code ?? 'login_failed',
        message,
        nextStep: oauth?.nextStep ?? 'Start the login again.',
      },
      message,
    });
  };

  const loginContext = (session: LoginSession): LoginContext => ({
    ...deps.context(session.provider),
    options: { projectId: session.projectId, startUrl: session.startUrl, region: session.region },
    progress: (message) => {
      session.message = message;
    },
  });

  const complete = async (session: LoginSession, record: AccountRecord) => {
    const saved = await deps.save(session.provider, record);
    session.record = record;
    await settle(session, 'done', { account: saved, message: `Logged in as ${saved.label}.`, error: null });
  };

  /** One callback, from the local server or pasted: checks state, exchanges the code, saves the account. */
  const accept = async (session: LoginSession, flow: AuthorizationCodeFlow, params: CallbackParams | undefined): Promise<CallbackReply> => {
    if (TERMINAL.has(session.status) || session.consumed) {
      return { ok: false, title: 'This sign-in is already finished', message: 'This callback was already used or the login ended. Start a new login if you need one.' };
    }
    if (!params) return { ok: false, title: 'Nothing to sign in with', message: 'The address has no authorization code. Copy the whole address from the browser after approving.' };
    if (params.state !== undefined && params.state !== session.state) {
      deps.log('warn', `login ${session.provider}: a callback with the wrong state was refused`, { login: session.id });
      return { ok: false, title: 'This sign-in link is not for this login', message: 'The state does not match the login in progress (an old or someone else’s link). Use the link from this login.' };
    }
    session.consumed = true;
    if (params.error) {
      const message = scrub(`The sign-in was refused: ${params.error}${params.errorDescription ? ` (${params.errorDescription})` : ''}.`);
      await settle(session, 'error', { error: { code: params.error === 'access_denied' ? 'access_denied' : params.error, message, nextStep: 'Start the login again and approve access.' }, message });
      return { ok: false, title: 'Sign-in refused', message };
    }
    session.status = 'exchanging';
    session.message = 'Finishing the login…';
    try {
      const record = await flow.exchange({ context: loginContext(session), code: params.code!, redirectUri: session.redirectUri!, codeVerifier: session.pkce?.verifier, state: session.state });
      await complete(session, record);
      return { ok: true, title: 'Signed in', message: `${session.providerName}: logged in as ${session.account?.label}. You can close this window.` };
    } catch (error) {
      await failWith(session, error);
      return { ok: false, title: 'Sign-in failed', message: (error as Error).message };
    }
  };

  const startBrowser = async (session: LoginSession, flow: AuthorizationCodeFlow, input: LoginStart, manual: boolean) => {
    session.pkce = flow.pkce ? createPkce() : undefined;
    const registered = flow.callback.port;
    const requested = input.callbackPort ?? registered;
    const redirect = (port: number) => `http://${flow.callback.host}:${port}${flow.callback.path}`;
    let redirectPort = registered;
    if (!manual) {
      try {
        const server = await startCallbackServer({
          port: requested,
          path: flow.callback.path,
          anyPortFallback: flow.callback.anyPort,
          onCallback: (params) => accept(session, flow, params),
        });
        // Not awaited: the page for the callback that ended the login is still being written.
        session.cleanup.push(() => void server.close());
        redirectPort = flow.callback.anyPort ? server.port : registered;
        session.tunnelCommand = `ssh -L ${redirectPort}:127.0.0.1:${server.port} ${deps.hostname}`;
        const notes = [];
        if (server.fellBack) notes.push(`Port ${requested} is in use${await ownerText(requested)}, so the callback listens on ${server.port}.`);
        if (!flow.callback.anyPort && server.port !== registered) {
          notes.push(`${session.providerName} only sends the browser to port ${registered}: on this machine that port must reach ${server.port} (${session.tunnelCommand}).`);
        }
        session.message = [...notes, BROWSER_WAIT_SENTENCE].join(' ');
      } catch (error) {
        if (!(error instanceof OAuthError) || error.code !== 'port_in_use') throw error;
        session.flow = 'manual';
        session.message = flow.manualRedirectUri
          ? `Port ${requested} is in use${await ownerText(requested)}, so the code is shown by ${session.providerName} instead: open the link, approve access, copy the code and paste it here.`
          : `Port ${requested} is in use${await ownerText(requested)}. Open the link and approve access; the browser then fails to load ${redirect(registered)}… — copy that whole address from the address bar and paste it here.`;
      }
    } else if (flow.manualRedirectUri) {
      session.message = `Open the link and approve access; ${session.providerName} then shows a code: copy it and paste it here.`;
    } else {
      session.message = `Open the link and approve access. The browser then goes to ${redirect(registered)}… (which may not load): copy that whole address from the address bar and paste it here.`;
    }
    session.redirectUri = session.flow === 'manual' && flow.manualRedirectUri ? flow.manualRedirectUri : redirect(redirectPort);
    session.callbackUrl = session.redirectUri;
    session.url = flow.authorizeUrl({ context: deps.context(session.provider), redirectUri: session.redirectUri, state: session.state, codeChallenge: session.pkce?.challenge });
  };

  const startDevice = async (session: LoginSession, flow: DeviceCodeFlow, input: LoginStart) => {
    const context = loginContext(session);
    const authorization = await flow.start(context);
    session.device = authorization;
    session.url = authorization.verificationUriComplete ?? authorization.verificationUri;
    session.userCode = authorization.userCode;
    session.expiresAt = Math.min(session.expiresAt, deps.clock.now() + authorization.expiresInSeconds * 1000);
    session.message = `Open ${authorization.verificationUri} and enter the code ${authorization.userCode}.`;
    const cancellation = createCancellation();
    session.cleanup.push(() => cancellation.cancel());
    void (async () => {
      let interval = Math.max(1, authorization.intervalSeconds) * 1000;
      while (session.status === 'waiting') {
        await deps.clock.sleep(interval, cancellation).catch(() => undefined);
        if (session.status !== 'waiting') return;
        if (deps.clock.now() >= session.expiresAt) {
          await settle(session, 'expired', { error: { code: 'expired', message: 'The code expired before it was entered.', nextStep: 'Start the login again.' }, message: 'The code expired.' });
          return;
        }
        try {
          const result = await flow.poll(context, authorization);
          if (result.status === 'slow-down') interval += 5000;
          if (result.status !== 'done') continue;
          session.status = 'exchanging';
          await complete(session, result.account);
        } catch (error) {
          // A poll that did not reach the vendor (a network blip, a reset keep-alive socket) is tried again at
          // the next interval: the user may be typing the code right now. Everything else ends the login.
          if (error instanceof OAuthError && error.code === 'unreachable' && session.status === 'waiting') {
            deps.log('warn', `login ${session.provider}: a device-code poll failed (${error.message}); trying again`, { login: session.id });
            continue;
          }
          await failWith(session, error);
        }
      }
    })();
  };

  async function ownerText(port: number): Promise<string> {
    const owner = await deps.portOwner?.(port).catch(() => undefined);
    return owner ? ` (by ${owner})` : '';
  }

  return {
    providers() {
      return [...deps.providers.values()].flatMap((provider): LoginProviderView[] => {
        const accounts = provider.accounts;
        if (!accounts) return [];
        const flows: LoginFlowName[] = [...(accounts.login.browser ? (['browser', 'manual'] as const) : []), ...(accounts.login.device ? (['device'] as const) : [])];
        // Accounts that are only imported (Vertex service-account keys) get no login button.
        if (flows.length === 0) return [];
        return [
          {
            id: provider.id,
            name: provider.displayName,
            hint: accounts.hint,
            flows,
            defaultCallbackPort: accounts.login.browser?.callback.port ?? null,
            anyCallbackPort: accounts.login.browser?.callback.anyPort ?? false,
            options: [...(accounts.loginOptions ?? [])],
            hasQuota: accounts.quota !== undefined,
          },
        ];
      });
    },

    async start(input) {
      prune();
      const { provider, accounts } = supportFor(input.provider);
      const flowName: LoginFlowName = input.flow ?? (accounts.login.browser ? 'browser' : 'device');
      const now = deps.clock.now();
      const session: LoginSession = {
        id: `login-${randomBytes(6).toString('hex')}`,
        provider: provider.id,
        providerName: provider.displayName,
        flow: flowName,
        status: 'waiting',
        url: '',
        userCode: null,
        callbackUrl: null,
        tunnelCommand: null,
        message: '',
        startedAt: now,
        expiresAt: now + ttl,
        account: null,
        error: null,
        state: createState(),
        projectId: input.projectId,
        startUrl: input.startUrl,
        region: input.region,
        consumed: false,
        waiters: [],
        cleanup: [],
      };
      if (flowName === 'device') {
        if (!accounts.login.device) throw new ProxyError(`${provider.displayName} has no device-code login; use the browser login.`, { status: 400, code: 'invalid_request' });
        await startDevice(session, accounts.login.device, input);
      } else {
        if (!accounts.login.browser) throw new ProxyError(`${provider.displayName} has no browser login; use the device-code login (flow: device).`, { status: 400, code: 'invalid_request' });
        await startBrowser(session, accounts.login.browser, input, flowName === 'manual');
      }
      sessions.set(session.id, session);
      const timer = setTimeout(() => {
        void settle(session, 'expired', { error: { code: 'expired', message: 'Nobody finished the login within 10 minutes.', nextStep: 'Start the login again.' }, message: 'The login timed out.' });
      }, session.expiresAt - now);
      timer.unref();
      session.cleanup.push(() => clearTimeout(timer));
      deps.log('info', `login ${provider.id}: started (${session.flow})`, { login: session.id, callback: session.callbackUrl ?? undefined });
      return viewOf(session);
    },

    get: (id) => {
      const session = sessions.get(id);
      return session ? viewOf(session) : undefined;
    },

    async callback(id, pasted) {
      const session = sessions.get(id);
      if (!session) throw new ProxyError(`No login "${id}" (it may have expired). Start a new one.`, { status: 404, code: 'invalid_request' });
      const flow = deps.providers.get(session.provider)?.accounts?.login.browser;
      if (session.flow === 'device' || !flow) throw new ProxyError('This login uses a device code: enter the code on the vendor’s page instead of pasting an address.', { status: 400, code: 'invalid_request' });
      if (TERMINAL.has(session.status) || session.consumed) {
        throw new ProxyError(`This login already ${session.consumed ? 'received its callback' : `ended (${session.status})`}; a callback cannot be used twice. Start a new login if you need one.`, { status: 409, code: 'invalid_request' });
      }
      const reply = await accept(session, flow, parsePastedCallback(pasted));
      if (!reply.ok && !TERMINAL.has(session.status)) throw new ProxyError(`${reply.title}: ${reply.message}`, { status: 400, code: 'invalid_request' });
      return viewOf(session);
    },

    cancel(id) {
      const session = sessions.get(id);
      if (!session) throw new ProxyError(`No login "${id}".`, { status: 404, code: 'invalid_request' });
      void settle(session, 'cancelled', { message: 'The login was cancelled.' });
      return viewOf(session);
    },

    wait(id) {
      const session = sessions.get(id);
      if (!session) return Promise.reject(new Error(`No login "${id}".`));
      if (TERMINAL.has(session.status)) return Promise.resolve(viewOf(session));
      return new Promise((resolve) => session.waiters.push(resolve));
    },
    idForState(state) {
      for (const session of sessions.values()) if (session.state === state) return session.id;
      return undefined;
    },
    record: (id) => sessions.get(id)?.record,

    async close() {
      await Promise.all([...sessions.values()].map((session) => settle(session, 'cancelled', { message: 'The proxy stopped.' })));
    },
  };
}
