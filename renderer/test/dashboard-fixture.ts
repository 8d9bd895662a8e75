/**
 * A real proxy (startProxy) with the dashboard at /ui, fake upstreams, a freshly built renderer and a
 * little traffic, for the end-to-end test. Tests may import proxy-core beyond the contract; the renderer
 * source may not.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerDashboardRoutes } from '../../proxy-core/src/server/routes/dashboard.js';
import { startProxy, type RunningProxy } from '../../proxy-core/src/server/start-proxy.js';
import { startFakeClaudeCode, startFakeUpstream, vendorError, type FakeClaudeCode, type FakeUpstream } from '../../proxy-core/src/testing/index.js';
// @ts-expect-error -- plain JS module without type declarations
import { buildRenderer } from '../build.mjs';

export const CLIENT_KEY = 'sk-dashboard-client-key-0001';
export const MANAGEMENT_KEY = 'dashboard-management-secret';

export interface DashboardFixture {
  url: string;
  dir: string;
  configPath: string;
  proxy: RunningProxy;
  fake: FakeUpstream;
  /** Anthropic's OAuth server and API for Claude Code subscriptions (`claude.oauth.approve(url)` plays the browser). */
  claude: FakeClaudeCode;
  /** Puts an account file into the auth-dir (mode 0600), as an older install or another tool would. */
  writeAuthFile(name: string, data: Record<string, unknown>): string;
  /** A chat completion through the proxy as a client would send it. */
  chat(model: string, text?: string): Promise<Response>;
  management(pathname: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

function configYaml(dir: string, fakeUrl: string, claude: FakeClaudeCode, extraEndpoints: Record<string, Record<string, string>> = {}): string {
  return `# CLIProxy test config
host: 127.0.0.1
port: 0
auth-dir: "${path.join(dir, 'auth')}"
api-keys: ["${CLIENT_KEY}"]
remote-management:
  secret-key: "${MANAGEMENT_KEY}"
usage-retention-days: 30
claude-api-key:
  - api-key: "sk-ant-upstream-secret-0001"
    base-url: "${fakeUrl}"
    models: [{ name: "claude-sonnet-4-5", alias: "claude-sonnet-4-5" }]
openai-compatibility:
  - name: fakeai # the local fake
    base-url: "${fakeUrl}/v1"
    api-key-entries: [{ api-key: "sk-upstream-fakeai-secret-0001" }, { api-key: "sk-upstream-fakeai-secret-0002" }]
    models:
      - { name: "fake-large", alias: "fake-large" }
      - { name: "fake-mini", alias: "fake-mini" }
oauth-endpoints:
  claude:
${Object.entries(claude.endpoints)
  .map(([name, url]) => `    ${name}: "${url}"`)
  .join('\n')}
${Object.entries(extraEndpoints)
  .map(([channel, endpoints]) => `  ${channel}:\n${Object.entries(endpoints).map(([name, url]) => `    ${name}: "${url}"`).join('\n')}`)
  .join('\n')}
`;
}

export interface DashboardFixtureOptions {
  /** Ask live model lists as the app does (when a credential appears); default false: only when a test asks. */
  automaticModelLists?: boolean;
  /** More `oauth-endpoints` channels (e.g. `vertex: {token}` for a fake Google token endpoint). */
  oauthEndpoints?: Record<string, Record<string, string>>;
}

export async function startDashboardFixture(options: DashboardFixtureOptions = {}): Promise<DashboardFixture> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-ui-e2e-'));
  const uiDir = path.join(dir, 'ui');
  const authDir = path.join(dir, 'auth');
  mkdirSync(authDir, { mode: 0o700 });
  chmodSync(authDir, 0o700);
  writeFileSync(path.join(authDir, 'broken-login.json'), '{"type": "claude", "access_token": ', { mode: 0o600 });
  // A provider this build does not have (Cursor): listed as unsupported, never loaded.
  writeFileSync(path.join(authDir, 'cursor-someone.json'), JSON.stringify({ type: 'cursor', email: 'someone@example.com' }), { mode: 0o600 });

  const [, fake, claude] = await Promise.all([buildRenderer({ outDir: uiDir, logLevel: 'error' }), startFakeUpstream(), startFakeClaudeCode()]);
  const configPath = path.join(dir, 'config.yaml');
  writeFileSync(configPath, configYaml(dir, fake.url, claude, options.oauthEndpoints), { mode: 0o600 });
  const proxy = await startProxy(
    { configPath, port: 0, host: '127.0.0.1', watch: false },
    {
      home: dir,
      dataDir: dir,
      usageDatabase: path.join(dir, 'usage.sqlite'),
      logSink: null,
      // Live model lists only when the test asks (the refresh route), so the fixture's traffic stays exact.
      modelLists: { automatic: options.automaticModelLists ?? false },
      registerRoutes: (router) => registerDashboardRoutes(router, { dir: uiDir }),
    },
  );
  const url = proxy.address.url;
  const chat = (model: string, text = 'hello') =>
    fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: text }] }),
    });
  const management = (pathname: string, init: RequestInit = {}) =>
    fetch(`${url}/v0/management${pathname}`, { ...init, headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json', ...init.headers } });

  // Some traffic: successes on two models, and a rate-limited Claude key that is now cooling down.
  for (const model of ['fake-large', 'fake-large', 'fake-mini']) await (await chat(model)).text();
  fake.script({ path: '/v1/messages' }, vendorError('claude', 429, 'Number of requests has exceeded your rate limit.', { retryAfterSeconds: 1500 }), { times: 1 });
  await (await chat('claude-sonnet-4-5')).text();

  return {
    url,
    dir,
    configPath,
    proxy,
    fake,
    claude,
    chat,
    management,
    writeAuthFile(name, data) {
      const file = path.join(authDir, name);
      writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
      return file;
    },
    async close() {
      await proxy.close();
      await fake.close();
      await claude.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
