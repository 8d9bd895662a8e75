import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, vendorError, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// Family pass-through (issue 16 item 2): ids released after our catalogue was written reach keys without a `models:` list.
let fake: FakeUpstream;
let open: TestProxy;
let listed: TestProxy;
let off: TestProxy;

const openKeys = (url: string) => `claude-api-key:
  - api-key: "sk-ant-open"
    base-url: "${url}"
gemini-api-key:
  - api-key: "AIza-open"
    base-url: "${url}"
openai-compatibility:
  - name: fakeai
    base-url: "${url}/v1"
    api-key-entries: [{ api-key: "sk-compat" }]
    models: [{ name: "m", alias: "m" }]
`;

beforeAll(async () => {
  fake = await startFakeUpstream({ text: 'passed through' });
  open = await startTestProxy(configWith(openKeys(fake.url)));
  listed = await startTestProxy(
    configWith(`claude-api-key:
  - api-key: "sk-ant-listed"
    base-url: "${fake.url}"
    models: [{ name: "claude-opus-4-7" }]
`),
  );
  off = await startTestProxy(configWith(`model-passthrough: false\n${openKeys(fake.url)}`));
});
afterAll(async () => {
  await Promise.all([open?.close(), listed?.close(), off?.close()]);
  await fake?.close();
});
beforeEach(() => fake.reset());

const anthropic = (proxy: TestProxy) => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const ask = (proxy: TestProxy, model: string) => anthropic(proxy).messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; message: string; error?: any };
  }
  throw new Error('expected the request to fail');
};

describe('family pass-through', () => {
  it.each(['claude-opus-4-8', 'claude-haiku-4-5'])('%s, which no catalogue lists, reaches the claude key without models: and answers 200', async (model) => {
    const message = await ask(open, model);
    expect(message.model).toBe(model);
    expect(message.content).toEqual([{ type: 'text', text: 'passed through' }]);
    const upstream = fake.requests.at(-1)!;
    expect(upstream.path).toBe('/v1/messages');
    expect(upstream.apiKey).toBe('sk-ant-open');
    expect((upstream.body as { model: string }).model).toBe(model);
  });

  it('a thinking suffix still works on a passed-through id', async () => {
    await anthropic(open).messages.create({ model: 'claude-opus-4-8(8192)', max_tokens: 16_000, messages: [{ role: 'user', content: 'hi' }] });
    const sent = fake.requests.at(-1)!.body as { model: string; thinking: unknown };
    expect(sent.model).toBe('claude-opus-4-8');
    expect(sent.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
  });

  it('gemini-3.8-flash reaches the gemini key through the Google SDK', async () => {
    const google = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: open.url } });
    const answer = await google.models.generateContent({ model: 'gemini-3.8-flash', contents: 'hi' });
    expect(answer.text).toBe('passed through');
    const upstream = fake.requests.at(-1)!;
    expect(upstream.path).toBe('/v1beta/models/gemini-3.8-flash:generateContent');
    expect(upstream.apiKey).toBe('AIza-open');
  });

  it('an openai-compatibility entry never takes pass-through, and unknown families get the usual 404', async () => {
    const client = new OpenAI({ baseURL: `${open.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
    const error = await failure(client.chat.completions.create({ model: 'gpt-9-turbo', messages: [{ role: 'user', content: 'hi' }] }));
    expect(error.status).toBe(404);
    expect(error.error.message).toContain('Model "gpt-9-turbo" is not served by any enabled account. List the models this key can use with GET /v1/models');
    expect(fake.requests).toHaveLength(0);
  });

  it('a key WITH a models: list keeps serving only that list: 404 naming /v1/models', async () => {
    const error = await failure(ask(listed, 'claude-opus-4-8'));
    expect(error.status).toBe(404);
    expect(error.error.error.message).toContain('Model "claude-opus-4-8" is not served by any enabled account. List the models this key can use with GET /v1/models');
    expect(fake.requests).toHaveLength(0);
    expect((await ask(listed, 'claude-opus-4-7')).model).toBe('claude-opus-4-7');
  });

  it('model-passthrough: false turns it off (404)', async () => {
    const error = await failure(ask(off, 'claude-opus-4-8'));
    expect(error.status).toBe(404);
    expect(error.error?.error?.type).toBe('not_found_error');
    expect(fake.requests).toHaveLength(0);
  });

  it("an id the vendor refuses: the vendor's message and the nearest ids we serve, in the client's dialect", async () => {
    fake.script({ model: 'claude-opus-4-9' }, vendorError('claude', 404, 'model: claude-opus-4-9'));
    const claude = await failure(ask(open, 'claude-opus-4-9'));
    expect(claude.status).toBe(404);
    expect(claude.error?.error?.type).toBe('not_found_error');
    expect(claude.error.error.message).toBe(
      'The upstream for claude account **** does not know model "claude-opus-4-9" or the base-url is wrong (HTTP 404: model: claude-opus-4-9). Nearest ids we serve: claude-opus-4-6, claude-opus-4-7, claude-opus-4-1-20250805 (GET /v1/models lists them all).',
    );

    fake.script({ model: 'claude-sonnet-9' }, vendorError('claude', 404, 'model: claude-sonnet-9'));
    const client = new OpenAI({ baseURL: `${open.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
    const chat = await failure(client.chat.completions.create({ model: 'claude-sonnet-9', messages: [{ role: 'user', content: 'hi' }] }));
    expect(chat.status).toBe(404);
    expect(chat.error?.code).toBe('model_not_found');
    expect(chat.error.message).toContain('(HTTP 404: model: claude-sonnet-9). Nearest ids we serve: claude-sonnet-4-6, claude-sonnet-4-5-20250929');
  });
});
