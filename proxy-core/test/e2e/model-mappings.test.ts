import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCodex, type FakeCodex } from '../../src/testing/index.js';
import { eventually, management, writeAuthFile } from './accounts-harness.js';
import { body, codexConfig, hash8 } from './codex-harness.js';
import { CLIENT_KEY, type TestProxy, startTestProxy } from './harness.js';

// Model mappings (issue 16 item 3): Claude Code on its own default ids, served by a ChatGPT (Codex) account.
let fake: FakeCodex;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeCodex({ tools: true, text: 'mapped answer' });
  proxy = await startTestProxy(
    codexConfig(
      fake.endpoints,
      `model-mappings:
  - from: "claude-*haiku*"
    to: "gpt-5.4-mini"
  - from: "^claude-(opus|sonnet)-"
    regex: true
    to: "gpt-5.5"
`,
    ),
  );
  const seeded = fake.seed({ email: 'coder@example.com' });
  writeAuthFile(proxy, `codex-${hash8(seeded.account.accountId)}-coder@example.com-${seeded.account.plan}.json`, {
    type: 'codex',
    id_token: seeded.idToken,
    access_token: seeded.accessToken,
    refresh_token: seeded.refreshToken,
    account_id: seeded.account.accountId,
    last_refresh: new Date().toISOString(),
    email: 'coder@example.com',
    expired: new Date(Date.now() + 5 * 86_400_000).toISOString(),
  });
  await eventually(async () => (await management(proxy, 'GET', '/accounts')).body.accounts as unknown[], (list) => list.length === 1);
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.upstream.requests.length = 0;
});

const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const recent = async (limit: number) => (await management(proxy, 'GET', `/usage/recent?limit=${limit}`)).body.requests as Array<Record<string, unknown>>;

describe('a mapping serves Claude Code’s default ids from a Codex account', () => {
  it('non-stream: claude-haiku-4-5 is answered by gpt-5.4-mini, and the answer names claude-haiku-4-5', async () => {
    const message = await anthropic().messages.create({ model: 'claude-haiku-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.model).toBe('claude-haiku-4-5');
    expect(message.content).toEqual([{ type: 'text', text: 'mapped answer' }]);
    const [request] = fake.apiRequests();
    expect(request.path).toBe('/backend-api/codex/responses');
    expect(body(request).model).toBe('gpt-5.4-mini');

    const [row] = await recent(1);
    expect(row).toMatchObject({ requestedModel: 'claude-haiku-4-5', upstreamModel: 'gpt-5.4-mini', status: 200, routeNote: 'claude-haiku-4-5 → gpt-5.4-mini (mapping 1)' });
    expect(proxy.logs.some((line) => line.includes('POST /v1/messages 200') && line.includes('model="claude-haiku-4-5 → gpt-5.4-mini (mapping 1)"'))).toBe(true);
  });

  it('stream: claude-opus-4-8 (regex rule 2) streams from gpt-5.5 and the streamed message names claude-opus-4-8', async () => {
    const stream = anthropic().messages.stream({ model: 'claude-opus-4-8', max_tokens: 256, messages: [{ role: 'user', content: 'hi' }] });
    const final = await stream.finalMessage();
    expect(final.model).toBe('claude-opus-4-8');
    expect(final.content).toEqual([{ type: 'text', text: 'mapped answer' }]);
    expect(body(fake.apiRequests()[0]).model).toBe('gpt-5.5');
    const [row] = await recent(1);
    expect(row).toMatchObject({ requestedModel: 'claude-opus-4-8', upstreamModel: 'gpt-5.5', stream: true, routeNote: 'claude-opus-4-8 → gpt-5.5 (mapping 2)' });
  });

  it('a tool call round trip on claude-sonnet-4-6 through the mapping', async () => {
    const tools = [{ name: 'Bash', description: 'Run a shell command', input_schema: { type: 'object' as const, properties: { command: { type: 'string' } }, required: ['command'] } }];
    const first = await anthropic().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 256, tools, messages: [{ role: 'user', content: 'list files' }] });
    expect(first.model).toBe('claude-sonnet-4-6');
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content.find((block) => block.type === 'tool_use')!;
    expect(call).toMatchObject({ type: 'tool_use', name: 'Bash' });
    expect(body(fake.apiRequests()[0]).tools).toEqual([expect.objectContaining({ type: 'function', name: 'Bash' })]);
    const second = await anthropic().messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      tools,
      messages: [
        { role: 'user', content: 'list files' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.type === 'tool_use' ? call.id : '', content: 'a.txt' }] },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'Tool said: a.txt' }]);
    expect(body(fake.apiRequests()[1]).model).toBe('gpt-5.5');
  });

  it('count_tokens on a mapped id is answered (estimated locally: a Codex upstream cannot count) instead of a 404', async () => {
    const counted = await anthropic().messages.countTokens({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'count these words please' }] });
    // "user" + "count these words please": 28 characters, about 4 a token.
    expect(counted.input_tokens).toBe(7);
    expect(fake.apiRequests()).toHaveLength(0);
  });

  it('thinking: the Claude thinking budget becomes the Codex reasoning effort on the mapped model', async () => {
    await anthropic().messages.create({ model: 'claude-opus-4-8', max_tokens: 16_000, thinking: { type: 'enabled', budget_tokens: 12_000 }, messages: [{ role: 'user', content: 'think' }] });
    const sent = body(fake.apiRequests()[0]);
    expect(sent.model).toBe('gpt-5.5');
    expect(sent.reasoning).toMatchObject({ effort: 'high' });
  });
});
