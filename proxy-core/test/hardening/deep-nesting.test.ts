import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, crossDialectConfig, MANAGEMENT_KEY, startTestProxy, type TestProxy } from '../e2e/harness.js';

let fake: FakeUpstream;
let proxy: TestProxy;
beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(crossDialectConfig(fake.url));
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

/** A JSON schema nested `depth` levels (`{"type":"object","properties":{"a":{…}}}`), as text. */
function deepSchema(depth: number): string {
  return '{"type":"object","properties":{"a":'.repeat(depth) + '{"type":"string"}' + '}}'.repeat(depth);
}

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'x-api-key': CLIENT_KEY, 'content-type': 'application/json', ...headers }, body });

describe('deeply nested bodies get a 400 in the caller\'s dialect, not a 500 stack overflow', () => {
  for (const depth of [5_000, 20_000]) {
    it(`a tool schema nested ${depth} levels: OpenAI→Claude, Anthropic→OpenAI, Gemini→Claude, Responses→Gemini`, async () => {
      const schema = deepSchema(depth);
      const openai = await post('/v1/chat/completions', `{"model":"claude-model","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"t","parameters":${schema}}}]}`);
      expect(openai.status).toBe(400);
      expect(((await openai.json()) as { error: { type: string; message: string } }).error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('more than 256 levels deep') });

      const anthropic = await post('/v1/messages', `{"model":"chat-model","max_tokens":8,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"t","input_schema":${schema}}]}`);
      expect(anthropic.status).toBe(400);
      expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('more than 256 levels deep') } });

      const gemini = await post('/v1beta/models/claude-model:generateContent', `{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"tools":[{"functionDeclarations":[{"name":"t","parameters":${schema}}]}]}`);
      expect(gemini.status).toBe(400);
      expect(await gemini.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT', message: expect.stringContaining('more than 256 levels deep') } });

      const responses = await post('/v1/responses', `{"model":"gemini-model","input":"hi","tools":[{"type":"function","name":"t","parameters":${schema}}]}`);
      expect(responses.status).toBe(400);
      expect(fake.requests).toHaveLength(0);
    });
  }

  it('a deeply nested management body is a 400 too', async () => {
    const answer = await fetch(`${proxy.url}/v0/management/config`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json' },
      body: `{"values":{"debug":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`,
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toContain('more than 256 levels deep');
  });

  it('an ordinary tool schema (20 levels) still goes through', async () => {
    const answer = await post('/v1/chat/completions', `{"model":"claude-model","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"t","parameters":${deepSchema(20)}}}]}`);
    expect(answer.status).toBe(200);
    expect((await (await fetch(`${proxy.url}/health`)).json()) as object).toMatchObject({ status: 'ok' });
  });
});
