import Anthropic from '@anthropic-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FakeCopilot } from '../../src/testing/index.js';
import { management } from './accounts-harness.js';
import { hi, sent, useCopilotRig } from './github-copilot-harness.js';
import { CLIENT_KEY, type TestProxy } from './harness.js';

// GitHub Copilot: failover on 429, 403 "not entitled" and its troubleshooting row, id drift, quota bars, live models.
const rig = useCopilotRig();
const { accounts, openai, anthropic, seedAccount } = rig;
let fake: FakeCopilot;
let proxy: TestProxy;
beforeAll(() => {
  fake = rig.fake;
  proxy = rig.proxy;
});

describe('GitHub Copilot failover, quota and models', () => {
  it('two accounts: a 429 on one cools it with the reason and moves traffic to the other', async () => {
    await seedAccount({ username: 'busy' });
    await seedAccount({ username: 'spare' });
    fake.limit('busy', 600);
    try {
      for (let index = 0; index < 3; index++) {
        const completion = await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi });
        expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');
      }
      const busy = (await accounts()).find((account) => account.label === 'busy')!;
      expect(busy.state).toBe('cooling');
      expect(busy.cooldowns[0]).toMatchObject({ model: 'gpt-4.1', reason: 'quota', status: 429 });
      expect(busy.cooldowns[0].message).toMatch(/GitHub Copilot rate-limited this account: Sorry, you have been rate-limited/);
      expect(Math.abs(Date.parse(busy.cooldowns[0].until) - (Date.now() + 600_000))).toBeLessThan(10_000);
      const statuses = fake.apiRequests().map((request) => request.headers.authorization);
      expect(new Set(statuses).size).toBe(2);
    } finally {
      fake.clearLimit('busy');
    }
  });

  it('403 "not entitled" for one model: that model cools on the account with the reason; other models still work', async () => {
    await seedAccount({ username: 'policy' });
    fake.forbid('policy', 'claude-sonnet-4.5');
    const error = await anthropic()
      .messages.create({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: hi })
      .catch((caught: InstanceType<typeof Anthropic.APIError>) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as Error).message).toMatch(/not entitled/);
    const [account] = await accounts();
    expect(account.cooldowns[0]).toMatchObject({ model: 'claude-sonnet-4-5', reason: 'payment_required', status: 403 });
    expect(account.cooldowns[0].message).toMatch(/disabled by your organization's Copilot policy/);
    const completion = await openai().chat.completions.create({ model: 'gpt-4.1', messages: hi });
    expect(completion.choices[0].message.content).toBe('Hello from the fake upstream.');

    // The troubleshooting row names the refused model and account; its fix clears that cooldown.
    const check = (await management(proxy, 'POST', '/diagnostics/copilot-entitlement/run')).body;
    expect(check).toMatchObject({ status: 'warn', fix: { id: 'clear-copilot-403' } });
    expect(check.summary).toBe('GitHub Copilot refused claude-sonnet-4-5 on policy with 403 (not entitled); the proxy skips that model on that account for 30 minutes.');
    const fixed = (await management(proxy, 'POST', '/diagnostics/copilot-entitlement/fix')).body;
    expect(fixed).toMatchObject({ ok: true, message: 'Cleared 1 Copilot 403 cooldown(s); the next request tries those models again.', check: { status: 'pass' } });
    expect((await accounts())[0].cooldowns).toEqual([]);
  });

  it('Copilot id drift (CPB-0810): a client asking for claude-sonnet-4.5 gets 404, and the check names the stable id and the mapping', async () => {
    await seedAccount({ username: 'drift' });
    const error = await anthropic()
      .messages.create({ model: 'claude-sonnet-4.5', max_tokens: 50, messages: hi })
      .catch((caught: InstanceType<typeof Anthropic.APIError>) => caught);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(404);
    const check = (await management(proxy, 'POST', '/diagnostics/copilot-model-ids/run')).body;
    expect(check.status).toBe('warn');
    expect(check.summary).toBe("Clients asked for Copilot's own spelling of 1 model(s) and got 404: claude-sonnet-4.5 (served here as claude-sonnet-4-5, 1×).");
    expect(check.remediation).toContain('model-mappings:\n  - from: "claude-sonnet-4.5"\n    to: "claude-sonnet-4-5"');
  });

  it('quota bars: premium requests from copilot_internal/user (unlimited chat and completions are not bars)', async () => {
    const { githubToken } = await seedAccount({ username: 'quota', premium: { entitlement: 300, remaining: 240 } });
    const [account] = await accounts();
    const quota = (await management(proxy, 'GET', `/accounts/${encodeURIComponent(account.id)}/quota?refresh=true`)).body;
    expect(quota.source).toBe('vendor');
    expect(quota.buckets).toEqual([expect.objectContaining({ id: 'premium_interactions', label: 'Premium requests', remaining: 240, limit: 300, remainingFraction: 0.8, resetsAt: '2027-01-01T00:00:00.000Z' })]);
    const call = fake.upstream.requests.find((request) => request.path === '/api/copilot_internal/user')!;
    expect(call.headers.authorization).toBe(`token ${githubToken}`);
  });

  it('live model list: Copilot’s /models under stable ids, without embeddings', async () => {
    await seedAccount({ username: 'lists' });
    fake.models = ['gpt-4.1', 'gpt-5-mini', 'claude-sonnet-4.5', 'claude-opus-4.6', 'gpt-5.1-codex', 'text-embedding-3-small'];
    try {
      const { body } = await management<{ lists: Array<{ group: string; ok: boolean; models: string[] }> }>(proxy, 'POST', '/model-lists/refresh');
      expect(body.lists.find((list) => list.group === 'github-copilot')).toMatchObject({ ok: true, models: ['gpt-4.1', 'gpt-5-mini', 'claude-sonnet-4-5', 'claude-opus-4-6', 'gpt-5.1-codex'] });
      const lookup = fake.upstream.requests.find((request) => request.path === '/copilot/models')!;
      expect(lookup.headers).toMatchObject({ 'editor-version': 'vscode/1.107.0', 'copilot-integration-id': 'vscode-chat' });
      const ids = ((await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
      expect(ids).toContain('claude-opus-4-6');
      expect(ids).not.toContain('claude-opus-4.6');
      const message = await anthropic().messages.create({ model: 'claude-opus-4-6', max_tokens: 50, messages: hi });
      expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
      expect(sent(fake.apiRequests().at(-1)!).model).toBe('claude-opus-4.6');
    } finally {
      fake.models = ['gpt-4.1', 'gpt-5-mini', 'claude-sonnet-4.5', 'gpt-5.1-codex', 'text-embedding-3-small'];
    }
  });
});
