import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type FunctionDeclaration } from '@google/genai';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { createTestClock, startFakeGoogleServiceAccount, startFakeUpstream, type FakeGoogleServiceAccount, type FakeUpstream } from '../../src/testing/index.js';
import { eventually } from './accounts-harness.js';
import { cliEnvironment } from './cli-harness.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

// Vertex AI: a service-account key imported with cliproxyctl (JWT bearer grant → access token, minted again
// before it expires), Gemini on Vertex from all four client dialects, and a vertex-api-key entry.
const TEXT = 'Vertex says hello.';
const VERTEX_KEY = 'vertex-api-key-0001';
const SA_PATH = '/sa-us-central1/v1/projects/vertex-test-project/locations/us-central1/publishers/google/models/gemini-2.5-pro';
const clock = createTestClock();
let fake: FakeUpstream;
let google: FakeGoogleServiceAccount;
let proxy: TestProxy;

beforeAll(async () => {
  [fake, google] = await Promise.all([
    startFakeUpstream({ text: TEXT, tools: true, apiKeys: [VERTEX_KEY, 'ya29.fake-vertex-1', 'ya29.fake-vertex-2', 'ya29.fake-vertex-3'] }),
    startFakeGoogleServiceAccount(),
  ]);
  proxy = await startTestProxy(
    configWith(`vertex-api-key:
  - api-key: "${VERTEX_KEY}"
    base-url: "${fake.url}/vertexkey"
    models: [{ name: "gemini-2.5-flash", alias: "vertex-key-flash" }]
oauth-endpoints:
  vertex:
    token: "${google.tokenUrl}"
    api: "${fake.url}/sa-{location}"
`),
    { deps: { clock } },
  );
});
afterAll(async () => {
  await proxy?.close();
  await Promise.all([fake?.close(), google?.close()]);
});
beforeEach(() => fake.reset());

const openai = () => new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: CLIENT_KEY, maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: proxy.url, apiKey: CLIENT_KEY, maxRetries: 0 });
const genai = () => new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
const calls = () => fake.requests.filter((request) => request.method === 'POST').map((request) => [request.path, request.apiKey]);
const MODEL = 'gemini-2.5-pro';
/** Token 1 proved the key at import; the proxy mints its own on first use (tokens are never written to the file). */
const TOKEN = 'ya29.fake-vertex-2';
const clientModels = async () => (await openai().models.list()).data.map((model) => model.id);

describe('Vertex AI', () => {
  it('cliproxyctl import <key.json>: the key is proven with Google first, then saved as CLIProxyAPI’s vertex-<project>.json', async () => {
    const keyFile = path.join(proxy.dir, 'downloaded-key.json');
    writeFileSync(keyFile, JSON.stringify(google.serviceAccount));
    const { env, output } = cliEnvironment(proxy.dir, ['import', keyFile, '--config', proxy.configPath, '--json']);
    expect(await runCli(env), output.stdout + output.stderr).toBe(0);
    const saved = path.join(proxy.dir, 'auth', 'vertex-vertex-test-project.json');
    expect(JSON.parse(output.stdout).details.imported).toEqual([{ source: keyFile, provider: 'vertex', account: 'proxy@vertex-test-project.iam.gserviceaccount.com (vertex-test-project)', file: saved }]);
    const file = JSON.parse(readFileSync(saved, 'utf8'));
    expect(file).toEqual({ type: 'vertex', service_account: google.serviceAccount, project_id: 'vertex-test-project', email: 'proxy@vertex-test-project.iam.gserviceaccount.com', location: 'us-central1' });
    expect(google.grants).toEqual([expect.objectContaining({ iss: 'proxy@vertex-test-project.iam.gserviceaccount.com', scope: 'https://www.googleapis.com/auth/cloud-platform', aud: 'https://oauth2.googleapis.com/token', kid: 'fake-key-id-1', accepted: true })]);
    // The running proxy picks the file up from its auth-dir.
    await eventually(clientModels, (ids) => ids.includes('gemini-3.5-flash'));
    expect(output.stdout).not.toContain('PRIVATE KEY');
  });

  it('OpenAI Chat SDK: non-stream, stream and a tool round trip on Vertex with the minted token', async () => {
    const completion = await openai().chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(TEXT);
    let text = '';
    for await (const chunk of await openai().chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'hi' }] })) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe(TEXT);
    const tool = { type: 'function' as const, function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } } };
    const first = await openai().chat.completions.create({ model: MODEL, tools: [tool], messages: [{ role: 'user', content: 'read it' }] });
    const call = first.choices[0].message.tool_calls?.[0];
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    const second = await openai().chat.completions.create({
      model: MODEL,
      tools: [tool],
      messages: [{ role: 'user', content: 'read it' }, first.choices[0].message, { role: 'tool', tool_call_id: call!.id, content: 'file contents here' }],
    });
    expect(second.choices[0].message.content).toContain('file contents here');
    expect(calls()).toEqual([
      [`${SA_PATH}:generateContent`, TOKEN],
      [`${SA_PATH}:streamGenerateContent`, TOKEN],
      [`${SA_PATH}:generateContent`, TOKEN],
      [`${SA_PATH}:generateContent`, TOKEN],
    ]);
    expect(fake.requests[1].query).toEqual({ alt: 'sse' });
  });

  it('OpenAI Responses SDK and Anthropic SDK: create, stream and a tool round trip', async () => {
    expect((await openai().responses.create({ model: MODEL, input: 'hi' })).output_text).toBe(TEXT);
    expect((await openai().responses.stream({ model: MODEL, input: [{ role: 'user', content: 'hi' }] }).finalResponse()).output_text).toBe(TEXT);
    const readFile = { type: 'function' as const, name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }, strict: false };
    const first = await openai().responses.create({ model: MODEL, tools: [readFile], input: 'read it' });
    const call = first.output.find((item) => item.type === 'function_call');
    const second = await openai().responses.create({
      model: MODEL,
      tools: [readFile],
      input: [{ role: 'user', content: 'read it' }, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: (call as { call_id: string }).call_id, output: 'file contents here' }],
    });
    expect(second.output_text).toContain('file contents here');

    const message = await anthropic().messages.create({ model: MODEL, max_tokens: 200, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content[0].type === 'text' && message.content[0].text).toBe(TEXT);
    const final = await anthropic().messages.stream({ model: MODEL, max_tokens: 200, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    expect(final.content.map((block) => (block.type === 'text' ? block.text : '')).join('')).toBe(TEXT);
    const tools = [{ name: 'read_file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } }];
    const used = await anthropic().messages.create({ model: MODEL, max_tokens: 200, tools, messages: [{ role: 'user', content: 'read it' }] });
    const use = used.content.find((block) => block.type === 'tool_use');
    expect(used.stop_reason).toBe('tool_use');
    const answered = await anthropic().messages.create({
      model: MODEL,
      max_tokens: 200,
      tools,
      messages: [
        { role: 'user', content: 'read it' },
        { role: 'assistant', content: used.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: (use as { id: string }).id, content: 'file contents here' }] },
      ],
    });
    expect(answered.content.map((block) => (block.type === 'text' ? block.text : '')).join('')).toContain('file contents here');
    expect(calls().every(([path, token]) => path!.startsWith(SA_PATH) && token === TOKEN)).toBe(true);
    expect(calls()).toHaveLength(8);
  });

  it('Google GenAI SDK: generateContent, stream, function calling and countTokens on Vertex', async () => {
    expect((await genai().models.generateContent({ model: MODEL, contents: 'hi' })).text).toBe(TEXT);
    let text = '';
    for await (const chunk of await genai().models.generateContentStream({ model: MODEL, contents: 'hi' })) text += chunk.text ?? '';
    expect(text).toBe(TEXT);
    const declaration: FunctionDeclaration = { name: 'read_file', parametersJsonSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
    const first = await genai().models.generateContent({ model: MODEL, contents: 'read it', config: { tools: [{ functionDeclarations: [declaration] }] } });
    const call = first.functionCalls?.[0];
    expect(call?.name).toBe('read_file');
    const second = await genai().models.generateContent({
      model: MODEL,
      config: { tools: [{ functionDeclarations: [declaration] }] },
      contents: [
        { role: 'user', parts: [{ text: 'read it' }] },
        { role: 'model', parts: [{ functionCall: call! }] },
        { role: 'user', parts: [{ functionResponse: { id: call!.id, name: 'read_file', response: { output: 'file contents here' } } }] },
      ],
    });
    expect(second.text).toContain('file contents here');
    const counted = await genai().models.countTokens({ model: MODEL, contents: 'count these words' });
    expect(counted.totalTokens).toBeGreaterThan(0);
    expect(calls().at(-1)).toEqual([`${SA_PATH}:countTokens`, TOKEN]);
  });

  it('vertex-api-key: x-goog-api-key on {base-url}/v1/publishers/google/models/{model}', async () => {
    const result = await genai().models.generateContent({ model: 'vertex-key-flash', contents: 'hi' });
    expect(result.text).toBe(TEXT);
    expect(calls()).toEqual([['/vertexkey/v1/publishers/google/models/gemini-2.5-flash:generateContent', VERTEX_KEY]]);
    expect(fake.requests[0].headers['x-goog-api-key']).toBe(VERTEX_KEY);
    expect(fake.requests[0].headers.authorization).toBeUndefined();
  });

  it('the access token is minted again 5 minutes before it expires, and the new one is used', async () => {
    clock.advance(56 * 60_000);
    const completion = await openai().chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0].message.content).toBe(TEXT);
    expect(calls()).toEqual([[`${SA_PATH}:generateContent`, 'ya29.fake-vertex-3']]);
    expect(google.grants.map((grant) => grant.accepted)).toEqual([true, true, true]);
  });

  it('a key Google refuses (deleted) stops the account with a message saying to import a new key', async () => {
    google.revoke();
    clock.advance(60 * 60_000);
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await response.text();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(text).toContain('Google refused the service-account key of proxy@vertex-test-project.iam.gserviceaccount.com');
    expect(text).not.toContain('PRIVATE KEY');
    expect(calls()).toEqual([]);
  });

  it('management POST /vertex/import (CLIProxyAPI’s multipart form): saves vertex-<project>.json with the location, never echoes the key', async () => {
    const key = { ...google.serviceAccount, project_id: 'second-project' };
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(key)], { type: 'application/json' }), 'key.json');
    form.append('location', 'global');
    const response = await fetch(`${proxy.url}/v0/management/vertex/import`, { method: 'POST', headers: { authorization: `Bearer ${MANAGEMENT_KEY}` }, body: form });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(JSON.parse(text)).toEqual({ status: 'ok', 'auth-file': 'vertex-second-project.json', project_id: 'second-project', email: 'proxy@vertex-test-project.iam.gserviceaccount.com', location: 'global' });
    expect(text).not.toContain('PRIVATE KEY');
    const saved = JSON.parse(readFileSync(path.join(proxy.dir, 'auth', 'vertex-second-project.json'), 'utf8'));
    expect(saved).toMatchObject({ type: 'vertex', project_id: 'second-project', location: 'global', service_account: key });

    const broken = await fetch(`${proxy.url}/v0/management/vertex/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MANAGEMENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'authorized_user', client_id: 'x' }),
    });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('type must be \\"service_account\\"');
  });
});
