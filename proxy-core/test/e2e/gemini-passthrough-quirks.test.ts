import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSseText, startFakeUpstream, vendorError, type FakeUpstream, type RecordedRequest } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// A Gemini client on a gemini-api-key upstream: the same dialect, so the body passes through — except for
// the two seed quirks Gemini answers 400 to (inventory-providers §8), which the proxy fixes on the way.
let fake: FakeUpstream;
let proxy: TestProxy;

/** What Gemini does with the two quirks: a 400 that names the field. */
function refuseLikeGemini(request: RecordedRequest) {
  const body = request.body as Record<string, any> | undefined;
  const tools = JSON.stringify(body?.tools ?? body?.generateContentRequest?.tools ?? []);
  const deferred = /"(defer_loading|deferLoading)"/.exec(tools);
  if (deferred) return vendorError('gemini', 400, `Invalid JSON payload received. Unknown name "${deferred[1]}" at 'tools[0]': Cannot find field.`);
  const thinking = body?.generationConfig?.thinkingConfig ?? {};
  if ('includeThoughts' in thinking && 'include_thoughts' in thinking) {
    return vendorError('gemini', 400, 'Invalid JSON payload received. Duplicate field "include_thoughts" in generationConfig.thinkingConfig.');
  }
  return undefined;
}

beforeAll(async () => {
  fake = await startFakeUpstream({ text: 'Gemini says hi.', guard: refuseLikeGemini });
  proxy = await startTestProxy(
    configWith(`gemini-api-key:
  - api-key: "AIza-upstream"
    base-url: "${fake.url}"
    models: [{ name: "gemini-upstream", alias: "gemini-model" }]
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

const post = (action: string, body: string) =>
  fetch(`${proxy.url}/v1beta/models/gemini-model:${action}`, { method: 'POST', headers: { 'x-goog-api-key': CLIENT_KEY, 'content-type': 'application/json' }, body });
const sent = () => fake.requests.at(-1)!;
const contents = [{ role: 'user', parts: [{ text: 'hi' }] }];

describe('Gemini client → Gemini API key upstream: seed quirks', () => {
  it('both includeThoughts spellings: the upstream gets exactly one camelCase includeThoughts, the client’s camelCase value', async () => {
    // A hand-written body (the Python SDK and curl users send snake_case; a helper added the camelCase one).
    const response = await post('generateContent', JSON.stringify({ contents, generationConfig: { thinkingConfig: { thinkingBudget: 1024, include_thoughts: true, includeThoughts: false } } }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).candidates[0].content.parts[0].text).toBe('Gemini says hi.');
    const raw = sent().rawBody.toString();
    expect(raw.match(/include_?thoughts/gi)).toEqual(['includeThoughts']);
    expect((sent().body as any).generationConfig.thinkingConfig).toEqual({ thinkingBudget: 1024, includeThoughts: false });
  });

  it('snake_case include_thoughts alone becomes camelCase, on a stream too', async () => {
    const response = await post('streamGenerateContent?alt=sse', JSON.stringify({ contents, generation_config: { thinking_config: { include_thoughts: true } } }));
    expect(response.status).toBe(200);
    const events = parseSseText(await response.text());
    expect(events.map((event) => JSON.parse(event.data).candidates[0].content.parts[0].text).join('')).toBe('Gemini says hi.');
    expect(sent().path).toBe('/v1beta/models/gemini-upstream:streamGenerateContent');
    expect((sent().body as any).generation_config).toEqual({ thinking_config: { includeThoughts: true } });
  });

  it('defer_loading / deferLoading never reach Gemini (which would answer 400); the schema and other tool fields stay', async () => {
    const parameters = { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] };
    const tools = [{ googleSearch: { defer_loading: true } }, { functionDeclarations: [{ name: 'read_file', description: 'Read', parametersJsonSchema: parameters, deferLoading: true }] }];
    const response = await post('generateContent', JSON.stringify({ contents, tools }));
    expect(response.status).toBe(200);
    expect(sent().rawBody.toString()).not.toMatch(/defer_?loading/i);
    expect((sent().body as any).tools).toEqual([{ googleSearch: {} }, { functionDeclarations: [{ name: 'read_file', description: 'Read', parametersJsonSchema: parameters }] }]);
  });

  it('countTokens with a generateContentRequest is fixed the same way', async () => {
    const response = await post('countTokens', JSON.stringify({ generateContentRequest: { model: 'models/gemini-model', contents, tools: [{ googleSearch: { deferLoading: true } }] } }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).totalTokens).toBeGreaterThan(0);
    expect(sent().rawBody.toString()).not.toMatch(/defer_?loading/i);
    // The alias the client used is not a model Gemini knows: the upstream is asked about its own name.
    expect((sent().body as any).generateContentRequest.model).toBe('models/gemini-upstream');
    expect(sent().path).toBe('/v1beta/models/gemini-upstream:countTokens');
  });

  it('an ordinary body reaches the upstream byte for byte (whitespace, key order, 1.0, escapes, a prompt that names the quirks)', async () => {
    const raw =
      '{\n  "generationConfig" : { "temperature": 1.0, "thinkingConfig": {"includeThoughts": true, "thinkingBudget": 512} },\n' +
      '  "contents": [{"role":"user","parts":[{"text":"what do \\"defer_loading\\" and \\u0022include_thoughts\\u0022 do? caf\\u00e9"}, {"text":"deferLoading"}]}],\n' +
      '  "tools": [{"googleSearch": {}}]\n}';
    for (const action of ['generateContent', 'streamGenerateContent?alt=sse']) {
      const response = await post(action, raw);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      expect(sent().rawBody.equals(Buffer.from(raw))).toBe(true);
    }
  });

  it('the @google/genai SDK’s own request passes as the SDK wrote it, thoughts switched on', async () => {
    const google = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: proxy.url } });
    const result = await google.models.generateContent({ model: 'gemini-model', contents: 'hi', config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 }, tools: [{ googleSearch: {} }] } });
    expect(result.text).toBe('Gemini says hi.');
    expect((sent().body as any).generationConfig.thinkingConfig).toEqual({ includeThoughts: true, thinkingBudget: 2048 });
    expect(sent().rawBody.toString().match(/include_?thoughts/gi)).toEqual(['includeThoughts']);
  });
});
