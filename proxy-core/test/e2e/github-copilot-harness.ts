import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { AccountView } from '../../src/server/management/contract.js';
import { startFakeCopilot, type FakeCopilot, type FakeCopilotUser, type RecordedRequest } from '../../src/testing/index.js';
import { eventually, management, writeAuthFile } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

export const sent = (request: RecordedRequest) => request.body as Record<string, any>;
export const hi = [{ role: 'user' as const, content: 'hi' }];

export interface CopilotRig {
  fake: FakeCopilot;
  proxy: TestProxy;
  accounts(): Promise<AccountView[]>;
  openai(): OpenAI;
  anthropic(): Anthropic;
  google(): GoogleGenAI;
  /** A `github-copilot-<user>.json` as the Plus forks write it, with a GitHub token the fake issued; waits until it loads. */
  seedAccount(partial: Partial<FakeCopilotUser> & { username: string }): Promise<{ githubToken: string; file: string }>;
}

/** One fake GitHub + Copilot and one proxy pointed at it for a test file; accounts and recorded requests are cleared after each test. */
export function useCopilotRig(): CopilotRig {
  const rig = {
    accounts: async () => (await management<{ accounts: AccountView[] }>(rig.proxy, 'GET', '/accounts')).body.accounts,
    openai: () => new OpenAI({ baseURL: `${rig.proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 }),
    anthropic: () => new Anthropic({ baseURL: rig.proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 }),
    google: () => new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: rig.proxy.url } }),
    async seedAccount(partial) {
      const { githubToken, user } = rig.fake.seed(partial);
      const file = `github-copilot-${user.username}.json`;
      const before = (await rig.accounts()).length;
      writeAuthFile(rig.proxy, file, { type: 'github-copilot', username: user.username, access_token: githubToken, token_type: 'bearer', scope: 'user:email', timestamp: Date.now() });
      await eventually(rig.accounts, (list) => list.length === before + 1);
      return { githubToken, file };
    },
  } as CopilotRig;
  beforeAll(async () => {
    rig.fake = await startFakeCopilot({ tools: true });
    rig.proxy = await startTestProxy(
      configWith(`oauth-endpoints:
  github-copilot:
${Object.entries(rig.fake.endpoints)
  .map(([name, url]) => `    ${name}: "${url}"`)
  .join('\n')}
`),
    );
  });
  afterAll(async () => {
    await rig.proxy?.close();
    await rig.fake?.close();
  });
  afterEach(async () => {
    for (const account of await rig.accounts()) await management(rig.proxy, 'DELETE', `/auth-files?name=${encodeURIComponent(account.file)}`);
    await eventually(rig.accounts, (list) => list.length === 0);
    rig.fake.upstream.requests.length = 0;
    rig.fake.copilotTokenTtlSeconds = 1500;
  });
  return rig;
}
