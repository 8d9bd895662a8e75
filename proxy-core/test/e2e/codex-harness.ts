import Anthropic from '@anthropic-ai/sdk';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { AccountView } from '../../src/server/management/contract.js';
import type { Clock } from '../../src/shared/clock.js';
import { startFakeCodex, type FakeCodex, type FakeCodexAccount, type RecordedRequest } from '../../src/testing/index.js';
import { eventually, management, writeAuthFile } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

/** A config whose `codex` endpoints all point at the fake, plus `extra` blocks. */
export function codexConfig(endpoints: FakeCodex['endpoints'], extra = ''): string {
  return configWith(`oauth-endpoints:
  codex:
${Object.entries(endpoints)
  .map(([name, url]) => `    ${name}: "${url}"`)
  .join('\n')}
${extra}`);
}

export const CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
export const body = (request: RecordedRequest) => request.body as Record<string, any>;
export const hash8 = (accountId: string) => createHash('sha256').update(accountId).digest('hex').slice(0, 8);

export interface CodexRig {
  fake: FakeCodex;
  proxy: TestProxy;
  accounts(target?: TestProxy): Promise<AccountView[]>;
  openai(target?: TestProxy): OpenAI;
  anthropic(): Anthropic;
  /** Requests to the fake's token endpoint. */
  tokenRequests(): FakeCodex['oauth']['requests'];
  modelIds(target?: TestProxy): Promise<string[]>;
  /** An account file as CLIProxyAPI writes it, with tokens the fake issued; waits until the proxy lists it. */
  seedAccount(account: Partial<FakeCodexAccount> & { email: string }, options?: { expiresInMs?: number; fileName?: string; target?: TestProxy }): ReturnType<FakeCodex['seed']> & { file: string };
}

/**
 * One fake OpenAI and one proxy (on `options.clock` when given) for a test file; after each test the accounts are deleted and the recorded
 * requests cleared.
 */
export function useCodexRig(options: { clock?: Clock } = {}): CodexRig {
  const rig = {
    accounts: async (target?: TestProxy) => (await management<{ accounts: AccountView[] }>(target ?? rig.proxy, 'GET', '/accounts')).body.accounts,
    openai: (target?: TestProxy) => new OpenAI({ baseURL: `${(target ?? rig.proxy).url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 }),
    anthropic: () => new Anthropic({ baseURL: rig.proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 }),
    tokenRequests: () => rig.fake.oauth.requests.filter((request) => request.path === '/oauth/token'),
    modelIds: async (target?: TestProxy) =>
      ((await (await fetch(`${(target ?? rig.proxy).url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> }).data.map((model) => model.id),
    seedAccount(account, options = {}) {
      const seeded = rig.fake.seed(account);
      const file = options.fileName ?? `codex-${hash8(seeded.account.accountId)}-${account.email}-${seeded.account.plan}.json`;
      writeAuthFile(options.target ?? rig.proxy, file, {
        type: 'codex',
        id_token: seeded.idToken,
        access_token: seeded.accessToken,
        refresh_token: seeded.refreshToken,
        account_id: seeded.account.accountId,
        last_refresh: new Date().toISOString(),
        email: account.email,
        expired: new Date(Date.now() + (options.expiresInMs ?? 5 * 86_400_000 + 3_600_000)).toISOString(),
      });
      return { ...seeded, file };
    },
  } as CodexRig;
  beforeAll(async () => {
    rig.fake = await startFakeCodex();
    rig.proxy = await startTestProxy(codexConfig(rig.fake.endpoints), options.clock ? { deps: { clock: options.clock } } : {});
  });
  afterAll(async () => {
    await rig.proxy?.close();
    await rig.fake?.close();
  });
  afterEach(async () => {
    for (const account of await rig.accounts()) await management(rig.proxy, 'DELETE', `/auth-files?name=${encodeURIComponent(account.file)}`);
    await eventually(rig.accounts, (list) => list.length === 0);
    rig.fake.upstream.requests.length = 0;
    rig.fake.oauth.requests.length = 0;
  });
  return rig;
}

/** Waits until port 1455 is free (another test run may hold it for a moment). */
export async function waitForPort1455(): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(1455, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return;
    if (Date.now() > until) throw new Error('port 1455 stayed busy; the browser login test needs it free');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
