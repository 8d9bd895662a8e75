import { describe, expect, it } from 'vitest';
import type { Credential } from '../credentials/credential.js';
import { scriptedContext } from '../login/__fixtures__/scripted-context.js';
import { createProviderRegistry } from './registry.js';

// Each provider's live model list: the call it makes with the credential's own auth, and what it reads back.
const providers = createProviderRegistry();

function credential(provider: string, overrides: Partial<Credential> = {}): Credential {
  return {
    id: `${provider}:1`,
    authIndex: '1',
    provider,
    group: provider,
    kind: 'api-key',
    label: 'k',
    priority: 0,
    headers: {},
    models: [],
    excludedModels: [],
    disabled: false,
    secret: 'secret-token-0001',
    source: { type: 'config', yamlKey: `${provider}-api-key`, index: 0 },
    ...overrides,
  };
}

const list = async (item: Credential, answers: Array<{ status: number; json?: unknown }>, account?: { attributes: Record<string, string>; projects?: string[] }) => {
  const { context, requests } = scriptedContext(answers);
  const models = await providers.get(item.provider)!.listModels!({
    credential: item,
    token: 'secret-token-0001',
    http: context.http,
    account: account ? { tokens: { accessToken: 'secret-token-0001' }, label: 'me', identity: 'me', ...account } : undefined,
  });
  return { ids: models.map((model) => model.id), models, requests };
};

describe('live model lists per provider', () => {
  it('Claude API key: GET /v1/models with x-api-key on Anthropic, following has_more pages', async () => {
    const { ids, models, requests } = await list(credential('claude'), [
      { status: 200, json: { data: [{ type: 'model', id: 'claude-opus-4-8', display_name: 'Claude Opus 4.8', created_at: '2026-11-01T00:00:00Z' }], has_more: true, last_id: 'claude-opus-4-8' } },
      { status: 200, json: { data: [{ type: 'model', id: 'claude-haiku-4-5' }], has_more: false, last_id: 'claude-haiku-4-5' } },
    ]);
    expect(ids).toEqual(['claude-opus-4-8', 'claude-haiku-4-5']);
    expect(models[0]).toEqual({ id: 'claude-opus-4-8', displayName: 'Claude Opus 4.8', created: Date.parse('2026-11-01T00:00:00Z') / 1000 });
    expect(requests[0].url).toBe('https://api.anthropic.com/v1/models?limit=1000');
    expect(requests[0].headers).toMatchObject({ 'x-api-key': 'secret-token-0001', 'anthropic-version': '2023-06-01' });
    expect(requests[1].url).toBe('https://api.anthropic.com/v1/models?limit=1000&after_id=claude-opus-4-8');
  });

  it('Claude Code subscription: Bearer token with the OAuth beta on its api endpoint', async () => {
    const account = credential('claude', { kind: 'oauth', account: { file: 'claude-me.json', endpoints: { api: 'https://anthropic.test' } } });
    const { requests } = await list(account, [{ status: 200, json: { data: [], has_more: false } }], { attributes: {} });
    expect(requests[0].url).toBe('https://anthropic.test/v1/models?limit=1000&beta=true');
    expect(requests[0].headers).toMatchObject({ authorization: 'Bearer secret-token-0001', 'anthropic-beta': 'oauth-2025-04-20' });
    expect(requests[0].headers?.['x-api-key']).toBeUndefined();
  });

  it('Gemini API key: models.list pages with x-goog-api-key, only generateContent models, without "models/"', async () => {
    const { ids, models, requests } = await list(credential('gemini', { baseUrl: 'https://gl.test' }), [
      {
        status: 200,
        json: {
          models: [
            { name: 'models/gemini-3.8-flash', displayName: 'Gemini 3.8 Flash', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: ['generateContent', 'countTokens'] },
            { name: 'models/text-embedding-004', supportedGenerationMethods: ['embedContent'] },
          ],
          nextPageToken: 'page-2',
        },
      },
      { status: 200, json: { models: [{ name: 'models/gemini-3.5-flash-lite', supportedGenerationMethods: ['generateContent'] }] } },
    ]);
    expect(ids).toEqual(['gemini-3.8-flash', 'gemini-3.5-flash-lite']);
    expect(models[0]).toMatchObject({ displayName: 'Gemini 3.8 Flash', contextLength: 1_048_576, maxOutputTokens: 65_536 });
    expect(requests.map((request) => request.url)).toEqual(['https://gl.test/v1beta/models?pageSize=1000', 'https://gl.test/v1beta/models?pageSize=1000&pageToken=page-2']);
    expect(requests[0].headers).toMatchObject({ 'x-goog-api-key': 'secret-token-0001' });
  });

  it('OpenAI-compatible: GET {base-url}/models with the Bearer key', async () => {
    const { ids, requests } = await list(credential('openai-compatible', { baseUrl: 'https://gateway.test/v1' }), [{ status: 200, json: { object: 'list', data: [{ id: 'llama-5', created: 5 }, { id: 'llama-5' }] } }]);
    expect(ids).toEqual(['llama-5']);
    expect(requests[0]).toMatchObject({ url: 'https://gateway.test/v1/models', headers: { authorization: 'Bearer secret-token-0001' } });
  });

  it('Codex API key: OpenAI /models without embeddings, audio and image models', async () => {
    const { ids } = await list(credential('codex', { baseUrl: 'https://openai.test/v1' }), [
      { status: 200, json: { data: [{ id: 'gpt-5.6' }, { id: 'text-embedding-3-large' }, { id: 'gpt-4o-audio-preview' }, { id: 'gpt-image-1' }, { id: 'o5-mini' }] } },
    ]);
    expect(ids).toEqual(['gpt-5.6', 'o5-mini']);
  });

  it('ChatGPT account: the Codex CLI models call with client_version, token and account id', async () => {
    const account = credential('codex', { kind: 'oauth', account: { file: 'codex-me.json', endpoints: { api: 'https://chatgpt.test/backend-api/codex' } } });
    const { ids, models, requests } = await list(account, [{ status: 200, json: { models: [{ slug: 'gpt-5.6-sol', display_name: 'GPT-5.6 Sol', context_window: 921_000, visibility: 'list' }] } }], { attributes: { accountId: 'acc-1' } });
    expect(ids).toEqual(['gpt-5.6-sol']);
    expect(models[0]).toEqual({ id: 'gpt-5.6-sol', displayName: 'GPT-5.6 Sol', contextLength: 921_000 });
    expect(requests[0].url).toMatch(/^https:\/\/chatgpt\.test\/backend-api\/codex\/models\?client_version=\d+\.\d+\.\d+$/);
    expect(requests[0].headers).toMatchObject({ authorization: 'Bearer secret-token-0001', 'chatgpt-account-id': 'acc-1', originator: 'codex-tui' });
  });

  it('Gemini CLI: the model ids of retrieveUserQuota buckets for the credential project', async () => {
    const account = credential('gemini-cli', { kind: 'oauth', account: { file: 'g.json', project: 'proj-1', endpoints: { api: 'https://cloudcode.test' } } });
    const { ids, requests } = await list(account, [
      { status: 200, json: { buckets: [{ modelId: 'gemini-3.8-flash', tokenType: 'REQUESTS' }, { modelId: 'gemini-3.8-flash', tokenType: 'TOKENS' }, { modelId: 'gemini-3.5-pro' }] } },
    ]);
    expect(ids).toEqual(['gemini-3.8-flash', 'gemini-3.5-pro']);
    expect(requests[0]).toMatchObject({ url: 'https://cloudcode.test/v1internal:retrieveUserQuota', json: { project: 'proj-1' }, headers: { authorization: 'Bearer secret-token-0001' } });
  });

  it('Antigravity: fetchAvailableModels keys without internal ids, prod host when daily fails', async () => {
    const account = credential('antigravity', { kind: 'oauth', account: { file: 'a.json', project: 'p-1', endpoints: { api: 'https://daily.test', apiFallback: 'https://prod.test' } } });
    const { ids, models, requests } = await list(account, [
      { status: 503, json: { error: { message: 'No capacity available' } } },
      { status: 200, json: { models: { 'claude-opus-4-8-thinking': { displayName: 'Claude Opus 4.8 (thinking)', maxTokens: 200_000, maxOutputTokens: 64_000 }, chat_20706: {}, tab_flash_lite_preview: {} } } },
    ]);
    expect(ids).toEqual(['claude-opus-4-8-thinking']);
    expect(models[0]).toMatchObject({ displayName: 'Claude Opus 4.8 (thinking)', contextLength: 200_000, maxOutputTokens: 64_000 });
    expect(requests.map((request) => request.url)).toEqual(['https://daily.test/v1internal:fetchAvailableModels', 'https://prod.test/v1internal:fetchAvailableModels']);
  });

  it('a refused list call names the host, the status and what the vendor said, never the token', async () => {
    const failure = list(credential('claude'), [{ status: 401, json: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } }]);
    await expect(failure).rejects.toThrow('api.anthropic.com answered HTTP 401 to the model list: invalid x-api-key');
    await expect(list(credential('claude'), [{ status: 401, json: { error: { message: 'bad' } } }])).rejects.not.toThrow(/secret-token/);
  });
});
