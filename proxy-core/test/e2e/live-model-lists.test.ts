import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelListsResponse, ModelsResponse, UnservedModelsResponse } from '../../src/server/management/contract.js';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { eventually, management } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Live model lists: a key without `models:` serves what its upstream lists today, after the next lookup,
// without a restart; a failed lookup keeps the list; every id says where it came from.
const CLAUDE_KEY = 'sk-ant-live-list-key-0001';
const GEMINI_KEY = 'AIza-live-list-key-000000001';

let fake: FakeUpstream;
let googleFake: FakeUpstream;
let proxy: TestProxy;

const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const ask = (model: string) => anthropic().messages.create({ model, max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] });
const listIds = async () =>
  ((await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
const lists = async () => (await management<ModelListsResponse>(proxy, 'GET', '/model-lists')).body;
const refresh = (query = '') => management<ModelListsResponse & { error?: string }>(proxy, 'POST', `/model-lists/refresh${query}`);
const claudeList = (body: ModelListsResponse) => body.lists.find((list) => list.group === 'claude')!;

beforeAll(async () => {
  [fake, googleFake] = await Promise.all([startFakeUpstream({ apiKeys: [CLAUDE_KEY] }), startFakeUpstream({ apiKeys: [GEMINI_KEY] })]);
  fake.listedModels = ['claude-sonnet-4-6'];
  googleFake.listedModels = ['gemini-2.5-pro'];
  proxy = await startTestProxy(
    configWith(`# live lists
claude-api-key:
  - api-key: "${CLAUDE_KEY}"
    base-url: "${fake.url}"
gemini-api-key:
  - api-key: "${GEMINI_KEY}"
    base-url: "${googleFake.url}"
model-list-refresh: 6h
# Family pass-through would send claude-* ids upstream before any lookup; this file is about the live list itself.
model-passthrough: false
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
  await googleFake?.close();
});

describe('live model lists', () => {
  it('serves an id the upstream starts listing after the next lookup, without a restart', async () => {
    await expect(ask('claude-opus-4-8')).rejects.toMatchObject({ status: 404 });
    expect(await listIds()).not.toContain('claude-opus-4-8');

    fake.listedModels = ['claude-opus-4-8', 'claude-sonnet-4-6'];
    const refreshed = await refresh();
    expect(refreshed.status).toBe(200);
    expect(claudeList(refreshed.body)).toMatchObject({ ok: true, count: 2, models: ['claude-opus-4-8', 'claude-sonnet-4-6'], error: null });

    const answer = await ask('claude-opus-4-8');
    expect(answer.content[0]).toMatchObject({ type: 'text', text: 'Hello from the fake upstream.' });
    expect(await listIds()).toContain('claude-opus-4-8');
    // The lookup used the key's own auth on Anthropic's list call.
    const lookup = fake.requests.filter((request) => request.method === 'GET' && request.path === '/v1/models' && request.headers['anthropic-version'] === '2023-06-01').at(-1);
    expect(lookup?.headers.authorization).toBe(`Bearer ${CLAUDE_KEY}`);
    expect(lookup?.query.limit).toBe('1000');
  });

  it('marks each id with where it came from, per model and per account', async () => {
    const { body } = await management<ModelsResponse>(proxy, 'GET', '/models');
    const view = (id: string) => body.models.find((model) => model.id === id);
    expect(view('claude-opus-4-8')?.sources).toEqual(['live']);
    expect(view('claude-sonnet-4-6')?.sources).toEqual(['live', 'built-in']);
    expect(view('claude-opus-4-7')?.sources).toEqual(['built-in']);
    expect(view('claude-opus-4-8')?.credentials).toEqual([expect.objectContaining({ group: 'claude', upstreamModel: 'claude-opus-4-8', sources: ['live'] })]);
  });

  it('keeps the models when a lookup fails, and says what failed and when', async () => {
    fake.modelListStatus = 503;
    try {
      const { body } = await refresh();
      const claude = claudeList(body);
      expect(claude.ok).toBe(false);
      expect(claude.error).toContain('HTTP 503');
      expect(claude.count).toBe(2);
      expect(claude.checkedAt).not.toBeNull();
      expect(Date.parse(claude.checkedAt!)).toBeGreaterThanOrEqual(Date.parse(claude.okAt!));
      expect(JSON.stringify(body)).not.toContain(CLAUDE_KEY);
      // Still served.
      const answer = await ask('claude-opus-4-8');
      expect(answer.content[0]).toMatchObject({ type: 'text' });
    } finally {
      fake.modelListStatus = undefined;
    }
  });

  it('serves a Gemini id from models.list to the Google SDK', async () => {
    googleFake.listedModels = ['gemini-3.8-flash'];
    const refreshed = await refresh();
    const gemini = refreshed.body.lists.find((list) => list.group === 'gemini')!;
    expect(gemini).toMatchObject({ ok: true, models: ['gemini-3.8-flash'] });
    const google = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
    const answer = await google.models.generateContent({ model: 'gemini-3.8-flash', contents: 'hi' });
    expect(answer.text).toBe('Hello from the fake upstream.');
    const lookup = googleFake.requests.filter((request) => request.method === 'GET' && request.path === '/v1beta/models').at(-1);
    expect(lookup?.headers['x-goog-api-key']).toBe(GEMINI_KEY);
  });

  it('refreshes one credential by id, and names an unknown one', async () => {
    const id = claudeList(await lists()).credentialId;
    const one = await refresh(`?credential=${encodeURIComponent(id)}`);
    expect(one.status).toBe(200);
    const unknown = await refresh('?credential=nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain('No credential "nope" has a live model list');
  });

  it('keeps the last lists in the data folder for the next start', async () => {
    const saved = JSON.parse(readFileSync(`${proxy.dir}/model-lists.json`, 'utf8')) as { lists: Record<string, { models: Array<{ id: string }> }> };
    const ids = Object.values(saved.lists).flatMap((list) => list.models.map((model) => model.id));
    expect(ids).toContain('claude-opus-4-8');
    expect(JSON.stringify(saved)).not.toContain(CLAUDE_KEY);
  });

  it('a restart serves the last known list before any lookup', async () => {
    const restarted = await startTestProxy(readFileSync(proxy.configPath, 'utf8'), { deps: { dataDir: proxy.dir } });
    try {
      const ids = ((await (await fetch(`${restarted.url}/v1/models`, { headers: { authorization: `Bearer ${CLIENT_KEY}` } })).json()) as { data: Array<{ id: string }> }).data.map((model) => model.id);
      expect(ids).toContain('claude-opus-4-8');
      const view = (await management<ModelListsResponse>(restarted, 'GET', '/model-lists')).body.lists.find((list) => list.group === 'claude')!;
      expect(view).toMatchObject({ checkedAt: null, count: 2, ok: false });
      expect(view.okAt).not.toBeNull();
    } finally {
      await restarted.close();
    }
  });
});

describe('lookups on their own', () => {
  it('asks a key when the proxy starts with it, then serves the listed id', async () => {
    const upstream = await startFakeUpstream();
    upstream.listedModels = ['gpt-9-preview'];
    const own = await startTestProxy(
      configWith(`openai-compatibility:
  - name: gateway
    base-url: "${upstream.url}/v1"
    api-key-entries:
      - api-key: "sk-gateway-0000000001"
`),
      { deps: { modelLists: { automatic: true } } },
    );
    try {
      const body = await eventually(
        async () => (await management<ModelListsResponse>(own, 'GET', '/model-lists')).body,
        (view) => view.lists[0]?.okAt !== null && view.lists[0]?.okAt !== undefined,
      );
      expect(body.refreshEverySeconds).toBe(21_600);
      expect(body.lists[0]).toMatchObject({ group: 'gateway', ok: true, models: ['gpt-9-preview'] });
      const response = await fetch(`${own.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-9-preview', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);

      // A key added later (config edited and reloaded) is asked at once too.
      const second = await startFakeUpstream();
      second.listedModels = ['qwen-9'];
      try {
        writeFileSync(own.configPath, `${readFileSync(own.configPath, 'utf8')}  - name: second
    base-url: "${second.url}/v1"
    api-key-entries:
      - api-key: "sk-second-0000000002"
`);
        expect((await own.proxy.reload()).ok).toBe(true);
        await eventually(
          async () => (await management<ModelListsResponse>(own, 'GET', '/model-lists')).body,
          (view) => view.lists.some((list) => list.group === 'second' && list.ok),
        );
        expect(second.requests.filter((request) => request.path === '/v1/models')).toHaveLength(1);
        expect(upstream.requests.filter((request) => request.path === '/v1/models')).toHaveLength(1);
      } finally {
        await second.close();
      }
    } finally {
      await own.close();
      await upstream.close();
    }
  });
});

describe('models clients asked for that nobody serves', () => {
  it('lists 404 model_not_found ids of the last 24 h with counts and the masked key label', async () => {
    for (let index = 0; index < 2; index++) await expect(ask('claude-nobody-serves-1')).rejects.toMatchObject({ status: 404 });
    const { status, body } = await management<UnservedModelsResponse>(proxy, 'GET', '/models/unserved');
    expect(status).toBe(200);
    const row = body.models.find((model) => model.model === 'claude-nobody-serves-1');
    expect(row).toMatchObject({ count: 2, clientKeys: [`sk-t…0001#${createHash('sha256').update(CLIENT_KEY).digest('hex').slice(0, 6)}`] });
    expect(Date.parse(row!.lastAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(body)).not.toContain(CLIENT_KEY);
  });

  it('POST /model-mappings appends a rule to config.yaml and keeps its comments', async () => {
    const first = await management(proxy, 'POST', '/model-mappings', { from: 'claude-nobody-serves-1', to: 'claude-sonnet-4-6' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, persisted: true, from: 'claude-nobody-serves-1', to: 'claude-sonnet-4-6', index: 0 });
    const second = await management(proxy, 'POST', '/model-mappings', { from: 'gemini-old', to: 'gemini-3.8-flash' });
    expect(second.body).toMatchObject({ index: 1 });
    const text = readFileSync(proxy.configPath, 'utf8');
    expect(text).toContain('# live lists');
    expect(text).toMatch(/model-mappings:\n\s*- from: claude-nobody-serves-1\n\s*to: claude-sonnet-4-6\n\s*- from: gemini-old\n\s*to: gemini-3.8-flash/);
  });

  it('refuses a bad mapping and names the field', async () => {
    const proto = await management<{ error: string }>(proxy, 'POST', '/model-mappings', { from: '__proto__', to: 'claude-sonnet-4-6' });
    expect(proto.status).toBe(400);
    expect(proto.body.error).toBe('Invalid body: from: from may not be "__proto__", "prototype" or "constructor"');
    const missing = await management<{ error: string }>(proxy, 'POST', '/model-mappings', { from: 'a' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toContain('Invalid body: to:');
    const extra = await management<{ error: string }>(proxy, 'POST', '/model-mappings', { from: 'a', to: 'b', regex: true });
    expect(extra.status).toBe(400);
  });
});
