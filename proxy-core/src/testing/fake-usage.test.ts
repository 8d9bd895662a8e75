/** Scripted usage in each vendor's own spelling (what the proxy's usage decoders read). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index.js';

let exact: FakeUpstream;
let silent: FakeUpstream;
beforeAll(async () => {
  [exact, silent] = await Promise.all([startFakeUpstream({ usage: { input: 11, output: 7, cached: 3, reasoning: 2 } }), startFakeUpstream({ usage: 'none' })]);
});
afterAll(() => Promise.all([exact.close(), silent.close()]));

const post = async (fake: FakeUpstream, path: string, body: unknown) =>
  (await (await fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Record<string, unknown>;
const messages = [{ role: 'user', content: 'hi' }];

describe('fake upstream usage', () => {
  it('OpenAI chat and Responses: input includes cached, output includes reasoning', async () => {
    expect((await post(exact, '/v1/chat/completions', { model: 'm', messages })).usage).toMatchObject({
      prompt_tokens: 11,
      completion_tokens: 7,
      total_tokens: 18,
      prompt_tokens_details: { cached_tokens: 3 },
      completion_tokens_details: { reasoning_tokens: 2 },
    });
    expect((await post(exact, '/v1/responses', { model: 'm', input: 'hi' })).usage).toEqual({
      input_tokens: 11,
      input_tokens_details: { cached_tokens: 3 },
      output_tokens: 7,
      output_tokens_details: { reasoning_tokens: 2 },
      total_tokens: 18,
    });
  });

  it('Claude: input_tokens leaves the cache reads out; Gemini: thoughts are counted beside the candidates', async () => {
    expect((await post(exact, '/v1/messages', { model: 'c', max_tokens: 5, messages })).usage).toMatchObject({ input_tokens: 8, cache_read_input_tokens: 3, cache_creation_input_tokens: 0, output_tokens: 7 });
    expect((await post(exact, '/v1beta/models/g:generateContent', { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] })).usageMetadata).toMatchObject({
      promptTokenCount: 11,
      cachedContentTokenCount: 3,
      candidatesTokenCount: 5,
      thoughtsTokenCount: 2,
      totalTokenCount: 18,
    });
  });

  it("'none' leaves usage out of every answer", async () => {
    expect(await post(silent, '/v1/chat/completions', { model: 'm', messages })).not.toHaveProperty('usage');
    expect((await post(silent, '/v1/responses', { model: 'm', input: 'hi' })).usage).toBeNull();
    expect(await post(silent, '/v1/messages', { model: 'c', max_tokens: 5, messages })).not.toHaveProperty('usage');
    expect(await post(silent, '/v1beta/models/g:generateContent', { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] })).not.toHaveProperty('usageMetadata');
  });
});
