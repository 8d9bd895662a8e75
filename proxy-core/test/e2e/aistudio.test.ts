import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFakeAistudioTab, type FakeAistudioTab } from '../../src/testing/index.js';
import { eventually } from './accounts-harness.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

// AI Studio Build relay: a browser tab connected to /v1/ws is an `aistudio` credential; requests reach Google
// through the tab as `http_request` frames and come back as `http_response` or stream frames.
const TEXT = 'AI Studio tab says hello.';
let proxy: TestProxy;
let tab: FakeAistudioTab;

const wsUrl = () => `${proxy.url.replace(/^http/, 'ws')}/v1/ws`;
const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const genai = () => new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url, apiVersion: 'v1beta' } });
const modelIds = async () => (await openai().models.list()).data.map((model) => model.id);

beforeAll(async () => {
  proxy = await startTestProxy(configWith('ws-auth: true\n'));
  tab = await connectFakeAistudioTab(wsUrl(), { text: TEXT, headers: { authorization: `Bearer ${CLIENT_KEY}` } });
  await eventually(modelIds, (ids) => ids.includes('gemini-pro-latest'));
});
afterAll(async () => {
  await tab?.close();
  await proxy?.close();
});

describe('AI Studio relay (/v1/ws)', () => {
  it('ws-auth: true refuses a tab without a client key', async () => {
    await expect(connectFakeAistudioTab(wsUrl(), { text: TEXT })).rejects.toThrow('relay refused the tab with HTTP 401');
  });

  it('OpenAI SDK: non-stream and stream answers travel through the tab as Generative Language requests', async () => {
    const completion = await openai().chat.completions.create({ model: 'gemini-pro-latest', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(TEXT);
    expect(completion.usage?.total_tokens).toBe(7);
    let text = '';
    for await (const chunk of await openai().chat.completions.create({ model: 'gemini-pro-latest', stream: true, messages: [{ role: 'user', content: 'hi' }] })) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(TEXT);
    expect(tab.requests.map((request) => [request.method, request.url])).toEqual([
      ['POST', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-pro-latest:generateContent'],
      ['POST', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-pro-latest:streamGenerateContent?alt=sse'],
    ]);
    expect(tab.requests[0].body).toMatchObject({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    expect(tab.requests[0].headers['content-type']).toEqual(['application/json']);
  });

  it('Gemini SDK: non-stream and stream through the tab', async () => {
    const result = await genai().models.generateContent({ model: 'gemini-2.5-flash-image', contents: 'hi' });
    expect(result.text).toBe(TEXT);
    let text = '';
    for await (const chunk of await genai().models.generateContentStream({ model: 'gemini-2.5-flash-image', contents: 'hi' })) text += chunk.text ?? '';
    expect(text).toBe(TEXT);
  });

  it('the dashboard toggle (CPB-0795) turns a connected tab off and on; the switch is not saved, as the tab has no file', async () => {
    const manage = (path: string, init: RequestInit = {}) =>
      fetch(`${proxy.url}/v0/management${path}`, { ...init, headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json' } });
    const { credentials } = (await (await manage('/credentials')).json()) as { credentials: Array<{ id: string; provider: string; label: string; source: unknown }> };
    const relayed = credentials.filter((credential) => credential.provider === 'aistudio');
    expect(relayed).toEqual([expect.objectContaining({ id: expect.stringMatching(/^aistudio-[0-9a-f]{8}$/), label: expect.stringMatching(/^AI Studio tab [0-9a-f]{8}$/), source: { type: 'runtime', origin: 'aistudio-relay' } })]);
    const off = await manage(`/credentials/${relayed[0].id}`, { method: 'PATCH', body: '{"disabled": true}' });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ persisted: false, reason: 'This AI Studio tab is connected live and has no file to save the switch in; it lasts until the tab disconnects.' });
    expect(await modelIds()).not.toContain('gemini-pro-latest');
    expect((await manage(`/credentials/${relayed[0].id}`, { method: 'PATCH', body: '{"disabled": false}' })).status).toBe(200);
    expect(await modelIds()).toContain('gemini-pro-latest');
  });

  it('a tab that disconnects mid-request: the client gets a 503 naming the tab, and its models go away', async () => {
    tab.hold();
    const pending = openai().chat.completions.create({ model: 'gemini-flash-latest', messages: [{ role: 'user', content: 'hi' }] }).then(
      () => undefined,
      (error: InstanceType<typeof OpenAI.APIError>) => error,
    );
    await eventually(async () => tab.held(), (count) => count === 1);
    await tab.close();
    const error = await pending;
    expect(error?.status).toBe(503);
    expect(error?.message).toMatch(/AI Studio tab [0-9a-f]{8} disconnected \(socket closed\) before it answered; reopen the AI Studio Build app to reconnect\./);
    await eventually(modelIds, (ids) => !ids.includes('gemini-flash-latest'));
  });
});
