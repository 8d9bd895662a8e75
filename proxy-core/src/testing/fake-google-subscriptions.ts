import { createFakeCodeAssistState, startFakeCodeAssist, type FakeCodeAssist, type FakeCodeAssistUser } from './fake-code-assist.js';
import { FAKE_GOOGLE_CLIENTS, startFakeGoogleOAuth, type FakeGoogleOAuth } from './fake-google-oauth.js';

export interface FakeGeminiCli {
  google: FakeGoogleOAuth;
  codeAssist: FakeCodeAssist;
  /** For config `oauth-endpoints.gemini-cli` (or `CLIPROXY_GEMINI_CLI_<NAME>_URL`). */
  endpoints: Record<'authorize' | 'token' | 'userinfo' | 'api' | 'projects', string>;
  close(): Promise<void>;
}

export interface FakeAntigravity {
  google: FakeGoogleOAuth;
  /** `daily-cloudcode-pa.googleapis.com`: tried first; onboardUser. */
  daily: FakeCodeAssist;
  /** `cloudcode-pa.googleapis.com`: the fallback host; loadCodeAssist. */
  prod: FakeCodeAssist;
  /** For config `oauth-endpoints.antigravity`. */
  endpoints: Record<'authorize' | 'token' | 'userinfo' | 'api' | 'apiFallback', string>;
  close(): Promise<void>;
}

interface Options {
  user?: Partial<FakeCodeAssistUser>;
  email?: string;
  text?: string;
  tools?: boolean;
  accessTokenTtlSeconds?: number;
}

/** Google for Gemini CLI subscriptions: OAuth (Gemini CLI's client), userinfo, and one Code Assist host. */
export async function startFakeGeminiCli(options: Options = {}): Promise<FakeGeminiCli> {
  const google = await startFakeGoogleOAuth({ client: FAKE_GOOGLE_CLIENTS.geminiCli, email: options.email, accessTokenTtlSeconds: options.accessTokenTtlSeconds });
  const codeAssist = await startFakeCodeAssist({ oauth: google.oauth, flavour: 'gemini-cli', state: createFakeCodeAssistState(options.user), text: options.text, tools: options.tools });
  return {
    google,
    codeAssist,
    endpoints: { ...google.endpoints, api: codeAssist.url, projects: codeAssist.url },
    async close() {
      await Promise.all([google.close(), codeAssist.close()]);
    },
  };
}

/** Google for Antigravity subscriptions: OAuth (Antigravity's client), userinfo, and the daily and prod hosts of one backend. */
export async function startFakeAntigravity(options: Options = {}): Promise<FakeAntigravity> {
  const google = await startFakeGoogleOAuth({ client: FAKE_GOOGLE_CLIENTS.antigravity, email: options.email, accessTokenTtlSeconds: options.accessTokenTtlSeconds });
  const state = createFakeCodeAssistState(options.user);
  const host = () => startFakeCodeAssist({ oauth: google.oauth, flavour: 'antigravity', state, text: options.text, tools: options.tools });
  const [daily, prod] = await Promise.all([host(), host()]);
  return {
    google,
    daily,
    prod,
    endpoints: { ...google.endpoints, api: daily.url, apiFallback: prod.url },
    async close() {
      await Promise.all([google.close(), daily.close(), prod.close()]);
    },
  };
}
