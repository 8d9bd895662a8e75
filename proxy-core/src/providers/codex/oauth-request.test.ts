import { describe, expect, it } from 'vitest';
import type { AccountRecord } from '../../credentials/account.js';
import type { Credential } from '../../credentials/credential.js';
import type { UpstreamCall } from '../provider-definition.js';
import { codexProvider } from './index.js';

function credential(kind: 'oauth' | 'api-key', overrides: Partial<Credential> = {}): Credential {
  return {
    id: kind === 'oauth' ? 'codex-me.json' : 'codex:abc',
    authIndex: 'x',
    provider: 'codex',
    group: 'codex',
    kind,
    label: 'me@example.com',
    priority: 0,
    headers: {},
    models: [],
    excludedModels: [],
    disabled: false,
    secret: 'secret',
    source: { type: 'config', yamlKey: 'codex-api-key', index: 0 },
    ...(kind === 'oauth' ? { account: { file: 'codex-me.json', plan: 'plus', endpoints: { api: 'https://gateway.example/backend-api/codex' } } } : { baseUrl: 'https://relay.example/v1' }),
    ...overrides,
  };
}

const account: AccountRecord = { tokens: { accessToken: 'at-1' }, label: 'me', identity: 'acc|me', attributes: { accountId: 'acc-42' } };

function call(kind: 'oauth' | 'api-key', body: Record<string, unknown>, overrides: Partial<UpstreamCall> = {}): UpstreamCall {
  return {
    credential: credential(kind),
    token: kind === 'oauth' ? 'at-1' : 'sk-key',
    account: kind === 'oauth' ? account : undefined,
    clientFormat: 'openai-chat',
    variant: 0,
    operation: 'generate',
    model: 'gpt-5.5',
    stream: true,
    body: Buffer.from(JSON.stringify(body)),
    clientHeaders: { authorization: 'Bearer sk-client' },
    clientQuery: new URLSearchParams(),
    ...overrides,
  };
}

const sent = (request: { body?: Buffer }) => JSON.parse(request.body!.toString('utf8')) as Record<string, any>;

describe('Codex subscription requests', () => {
  it('POST {api}/responses with the Codex TUI headers, the account id and Session-Id = prompt_cache_key', () => {
    const request = codexProvider.buildRequest(call('oauth', { model: 'x', input: 'hi', stream: false }));
    expect(request.url).toBe('https://gateway.example/backend-api/codex/responses');
    expect(request.headers).toMatchObject({
      authorization: 'Bearer at-1',
      'chatgpt-account-id': 'acc-42',
      originator: 'codex-tui',
      'user-agent': 'codex-tui/0.146.0 (Mac OS 26.5.0; arm64) iTerm.app/3.6.10 (codex-tui; 0.146.0)',
      accept: 'text/event-stream',
      connection: 'Keep-Alive',
      'content-type': 'application/json',
    });
    expect(request.headers['session-id']).toBe(sent(request).prompt_cache_key);
  });

  it('the body rules: instructions, store false, stream true, encrypted reasoning, parallel tool calls, default effort, refused fields gone', () => {
    const body = sent(
      codexProvider.buildRequest(
        call('oauth', {
          model: 'x',
          input: [{ type: 'message', role: 'system', content: [{ type: 'input_text', text: 'rules' }] }, { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
          store: true,
          stream: false,
          include: ['web_search_call.action.sources'],
          max_output_tokens: 100,
          temperature: 0.3,
          top_p: 0.9,
          previous_response_id: 'resp_1',
          prompt_cache_retention: '24h',
          safety_identifier: 'x',
          stream_options: { include_usage: true },
          user: 'u',
          service_tier: 'flex',
        }),
      ),
    );
    expect(body).toMatchObject({ model: 'gpt-5.5', instructions: '', store: false, stream: true, parallel_tool_calls: true, reasoning: { effort: 'medium' } });
    expect(body.include).toEqual(['web_search_call.action.sources', 'reasoning.encrypted_content']);
    for (const field of ['max_output_tokens', 'temperature', 'top_p', 'previous_response_id', 'prompt_cache_retention', 'safety_identifier', 'stream_options', 'user', 'service_tier']) expect(body).not.toHaveProperty(field);
    expect(body.input.map((item: { role: string }) => item.role)).toEqual(['developer', 'user']);
  });

  it('keeps what the client chose: its instructions, reasoning, prompt_cache_key, parallel_tool_calls false, priority tier', () => {
    const request = codexProvider.buildRequest(
      call('oauth', { input: 'hi', instructions: 'Be Codex.', reasoning: { effort: 'high', summary: 'auto' }, prompt_cache_key: 'pck-1', parallel_tool_calls: false, service_tier: 'priority' }),
    );
    expect(sent(request)).toMatchObject({ instructions: 'Be Codex.', reasoning: { effort: 'high', summary: 'auto' }, prompt_cache_key: 'pck-1', parallel_tool_calls: false, service_tier: 'priority' });
    expect(sent(request).input).toEqual([{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }]);
    expect(request.headers['session-id']).toBe('pck-1');
  });

  it('a stable prompt cache key per client key and account; the Codex CLI’s headers are forwarded', () => {
    const first = sent(codexProvider.buildRequest(call('oauth', { input: 'one' })));
    const second = sent(codexProvider.buildRequest(call('oauth', { input: 'two' })));
    const otherClient = sent(codexProvider.buildRequest(call('oauth', { input: 'one' }, { clientHeaders: { authorization: 'Bearer sk-other' } })));
    expect(first.prompt_cache_key).toBe(second.prompt_cache_key);
    expect(first.prompt_cache_key).not.toBe(otherClient.prompt_cache_key);
    expect(first.prompt_cache_key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const headers = { version: '0.169.0', 'x-codex-turn-metadata': '{}', 'x-client-request-id': 'r1', 'x-codex-window-id': 'w1', 'thread-id': 't1', 'x-codex-beta-features': 'f', 'session-id': 's1', originator: 'codex_exec', 'user-agent': 'codex_exec/0.169.0' };
    const request = codexProvider.buildRequest(call('oauth', { input: 'hi' }, { clientHeaders: headers }));
    expect(request.headers).toMatchObject({ version: '0.169.0', 'x-codex-turn-metadata': '{}', 'x-client-request-id': 'r1', 'x-codex-window-id': 'w1', 'thread-id': 't1', 'x-codex-beta-features': 'f', 'session-id': 's1', originator: 'codex-tui' });
    expect(request.headers['user-agent']).toMatch(/^codex-tui\//);
    expect(sent(request).prompt_cache_key).toBe('s1');
  });

  it('compact: …/responses/compact, JSON answer, no stream field', () => {
    const request = codexProvider.buildRequest(call('oauth', { input: 'history', stream: false }, { operation: 'compact', stream: false }));
    expect(request.url).toBe('https://gateway.example/backend-api/codex/responses/compact');
    expect(request.headers.accept).toBe('application/json');
    expect(sent(request)).not.toHaveProperty('stream');
    expect(sent(request)).not.toHaveProperty('store');
    expect(sent(request).instructions).toBe('');
  });

  it('an auth file base_url wins over the api endpoint', () => {
    const request = codexProvider.buildRequest(call('oauth', { input: 'hi' }, { credential: credential('oauth', { baseUrl: 'https://file.example/codex' }) }));
    expect(request.url).toBe('https://file.example/codex/responses');
  });
});

describe('Codex API keys keep today’s request', () => {
  it('{base-url}/responses with the key, the body untouched, no Originator and no account header', () => {
    const original = { model: 'gpt-5.5', input: 'hi', max_output_tokens: 50, stream: false };
    const request = codexProvider.buildRequest(call('api-key', original, { stream: false }));
    expect(request.url).toBe('https://relay.example/v1/responses');
    expect(request.headers.authorization).toBe('Bearer sk-key');
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers.originator).toBeUndefined();
    expect(request.headers['chatgpt-account-id']).toBeUndefined();
    expect(sent(request)).toEqual(original);
  });

  it('streams upstream only when the client does; subscriptions always stream', () => {
    const input = { model: 'gpt-5.5', clientStream: false, clientFormat: 'openai-chat' as const };
    expect(codexProvider.upstreamStreams!({ ...input, credential: credential('api-key') })).toBe(false);
    expect(codexProvider.upstreamStreams!({ ...input, credential: credential('oauth') })).toBe(true);
  });
});

describe('Codex catalogues by plan', () => {
  const ids = (plan: string | undefined) => codexProvider.catalogFor!(credential('oauth', { account: { file: 'f', plan, endpoints: {} } })).map((model) => model.id);

  it('maps plans to tiers: pro, plus → Spark; team, business, go → team; free; unknown → pro', () => {
    expect(ids('pro')).toContain('gpt-5.3-codex-spark');
    expect(ids('plus')).toContain('gpt-5.3-codex-spark');
    for (const plan of ['team', 'business', 'go']) {
      expect(ids(plan)).toEqual(['gpt-5.4', 'gpt-5.4-mini', 'gpt-5.5', 'gpt-5.6-sol', 'gpt-5.6-terra', 'gpt-5.6-luna', 'codex-auto-review']);
    }
    expect(ids('free')).toEqual(['gpt-5.4-mini', 'gpt-5.5', 'gpt-5.6-terra', 'gpt-5.6-luna', 'codex-auto-review']);
    expect(ids('enterprise-unknown')).toEqual(ids('pro'));
    expect(ids(undefined)).toEqual(ids('pro'));
  });

  it('API keys keep the Responses catalogue (with gpt-5.3-codex)', () => {
    expect(codexProvider.catalogFor!(credential('api-key')).map((model) => model.id)).toContain('gpt-5.3-codex');
  });
});
