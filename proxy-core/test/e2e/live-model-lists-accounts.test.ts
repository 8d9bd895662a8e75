import { describe, expect, it } from 'vitest';
import type { ModelListsResponse, ModelsResponse } from '../../src/server/management/contract.js';
import { eventually, management } from './accounts-harness.js';
import { useCodexRig } from './codex-harness.js';

// A ChatGPT (Codex) account's live list: the Codex CLI's own models call with the account's token, and a model
// the backend starts listing is served after the next lookup, without a restart.
const rig = useCodexRig();

describe('live model list of a ChatGPT account', () => {
  it('serves a slug the ChatGPT backend starts listing, asked with the account token and id', async () => {
    const seeded = rig.seedAccount({ email: 'live@example.com', plan: 'plus' });
    await eventually(rig.accounts, (accounts) => accounts.length === 1);
    rig.fake.models = ['gpt-5.5', 'gpt-5.9-nova'];
    expect(await rig.modelIds()).not.toContain('gpt-5.9-nova');

    const { status, body } = await management<ModelListsResponse>(rig.proxy, 'POST', '/model-lists/refresh');
    expect(status).toBe(200);
    expect(body.lists).toEqual([expect.objectContaining({ group: 'codex', label: 'live@example.com', ok: true, models: ['gpt-5.5', 'gpt-5.9-nova'] })]);
    const lookup = rig.fake.upstream.requests.find((request) => request.path === '/backend-api/codex/models')!;
    expect(lookup.query.client_version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lookup.headers.authorization).toBe(`Bearer ${seeded.accessToken}`);
    expect(lookup.headers['chatgpt-account-id']).toBe(seeded.account.accountId);

    expect(await rig.modelIds()).toContain('gpt-5.9-nova');
    const answer = await rig.openai().responses.create({ model: 'gpt-5.9-nova', input: 'hi' });
    expect(answer.output_text).toBe('Hello from the fake upstream.');
    expect(rig.fake.apiRequests().at(-1)?.body).toMatchObject({ model: 'gpt-5.9-nova' });

    const models = (await management<ModelsResponse>(rig.proxy, 'GET', '/models')).body.models;
    expect(models.find((model) => model.id === 'gpt-5.9-nova')?.sources).toEqual(['live']);
    expect(models.find((model) => model.id === 'gpt-5.5')?.sources).toEqual(['live', 'built-in']);
  });
});
