import { chmodSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ModelPatchResult, ModelsResponse } from '../../src/server/management/contract.js';
import { eventually, management, writeAuthFile } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// PATCH /models/:id: one switch per model across API keys and subscription accounts, kept in config.yaml.
// Nothing here reaches an upstream: every endpoint is a closed local port.
const DEAD = 'http://127.0.0.1:9';
const config = configWith(`# model switches
claude-api-key:
  - api-key: "sk-ant-first-key-0001" # the first key
    base-url: "${DEAD}"
  - api-key: "sk-ant-team-key-0002"
    base-url: "${DEAD}"
    prefix: team
    excluded-models: ["claude-3-*"] # old models, my own glob
oauth-endpoints:
  claude:
    token: "${DEAD}/token"
    api: "${DEAD}"
    profile: "${DEAD}/profile"
    usage: "${DEAD}/usage"
`);

let proxy: TestProxy;
let original: string;
const modelIds = async () =>
  ((await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
const models = async () => (await management<ModelsResponse>(proxy, 'GET', '/models')).body;
const toggle = (id: string, enabled: boolean) => management<ModelPatchResult & { error?: string }>(proxy, 'PATCH', `/models/${encodeURIComponent(id)}`, { enabled });
const file = () => readFileSync(proxy.configPath, 'utf8');
const excluded = () => {
  const document = parse(file()) as { 'claude-api-key': Array<{ 'excluded-models'?: string[] }>; 'oauth-excluded-models'?: Record<string, string[]> };
  return { keys: document['claude-api-key'].map((entry) => entry['excluded-models']), oauth: document['oauth-excluded-models'] };
};

beforeAll(async () => {
  proxy = await startTestProxy(config);
  writeAuthFile(proxy, 'claude-switch@example.com.json', {
    type: 'claude',
    access_token: 'sk-ant-oat01-fake-access',
    refresh_token: 'sk-ant-ort01-fake-refresh',
    email: 'switch@example.com',
    account_uuid: 'uuid-switch',
    last_refresh: new Date().toISOString(),
    expired: new Date(Date.now() + 3_600_000).toISOString(),
  });
  // Served by both keys (the team key also as team/…) and the subscription account.
  await eventually(models, (view) => view.models.find((model) => model.id === 'claude-sonnet-4-6')?.credentials.length === 3);
  original = file();
});
afterAll(async () => {
  await proxy?.close();
});

describe('switching a model off and on', () => {
  it('off: gone from /v1/models and routing, written to each entry and oauth-excluded-models, listed as hidden', async () => {
    const off = await toggle('claude-sonnet-4-6', false);
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ ok: true, persisted: true, id: 'claude-sonnet-4-6', enabled: false });
    expect(off.body.changed.sort()).toEqual(['claude-api-key.0.excluded-models', 'claude-api-key.1.excluded-models', 'oauth-excluded-models.claude']);

    const ids = await modelIds();
    expect(ids).not.toContain('claude-sonnet-4-6');
    expect(ids).not.toContain('team/claude-sonnet-4-6');
    expect(ids).toContain('claude-opus-4-6');

    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).toMatch(/claude-sonnet-4-6.*not served/);

    // Named as each entry lists it (no prefix); the user's glob and the comments stay.
    expect(excluded()).toEqual({ keys: [['claude-sonnet-4-6'], ['claude-3-*', 'claude-sonnet-4-6']], oauth: { claude: ['claude-sonnet-4-6'] } });
    expect(file()).toContain('# the first key');
    expect(file()).toContain('# old models, my own glob');

    const view = await models();
    expect(view.hidden).toEqual(
      expect.arrayContaining([
        { id: 'claude-sonnet-4-6', groups: ['claude'] },
        { id: 'team/claude-sonnet-4-6', groups: ['claude'] },
      ]),
    );
    // A model a glob hides is not switchable, so it is not listed as hidden.
    expect(view.hidden.some((model) => model.id.startsWith('team/claude-3-'))).toBe(false);
    expect((await toggle('claude-sonnet-4-6', false)).body).toMatchObject({ enabled: false, changed: [] });
  });

  it('on: served again, and config.yaml is byte for byte what it was; the glob survives', async () => {
    const on = await toggle('claude-sonnet-4-6', true);
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body).toMatchObject({ ok: true, persisted: true, enabled: true });
    expect(on.body.changed).toHaveLength(3);
    expect(await modelIds()).toEqual(expect.arrayContaining(['claude-sonnet-4-6', 'team/claude-sonnet-4-6']));
    expect(file()).toBe(original);
    expect((await models()).hidden).toEqual([]);
    expect((await modelIds()).some((id) => id.startsWith('team/claude-3-'))).toBe(false);
  });

  it('a prefixed id switches only the key that serves it, named without the prefix', async () => {
    const off = await toggle('team/claude-opus-4-6', false);
    expect(off.body).toMatchObject({ enabled: false, changed: ['claude-api-key.1.excluded-models'] });
    expect(excluded().keys).toEqual([undefined, ['claude-3-*', 'claude-opus-4-6']]);
    const ids = await modelIds();
    expect(ids).not.toContain('team/claude-opus-4-6');
    expect(ids).toContain('claude-opus-4-6');
    expect((await toggle('team/claude-opus-4-6', true)).body).toMatchObject({ enabled: true });
    expect(file()).toBe(original);
  });

  it('an unknown model is a 404 that says how to list them; a bad body is a 400 naming the field', async () => {
    const unknown = await toggle('no-such-model', false);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/No model "no-such-model".*GET \/v0\/management\/models/);
    const bad = await management(proxy, 'PATCH', '/models/claude-sonnet-4-6', { enabled: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/enabled/);
    expect(file()).toBe(original);
  });

  it('with a read-only config.yaml the switch applies in memory and says persisted: false', async () => {
    chmodSync(proxy.configPath, 0o444);
    try {
      const off = await toggle('claude-sonnet-4-6', false);
      expect(off.body).toMatchObject({ ok: true, persisted: false, enabled: false });
      expect(off.body.reason).toMatch(/read-only/);
      expect(await modelIds()).not.toContain('claude-sonnet-4-6');
      expect((await models()).hidden.map((model) => model.id)).toContain('claude-sonnet-4-6');
      expect(file()).toBe(original);
      const on = await toggle('claude-sonnet-4-6', true);
      expect(on.body).toMatchObject({ persisted: false, enabled: true });
      expect(await modelIds()).toContain('claude-sonnet-4-6');
    } finally {
      chmodSync(proxy.configPath, 0o600);
    }
    expect(file()).toBe(original);
  });
});
