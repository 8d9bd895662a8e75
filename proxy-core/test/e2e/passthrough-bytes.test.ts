import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, crossDialectConfig, startTestProxy, type TestProxy } from './harness.js';

// Same dialect on both sides: the upstream sees the client's bytes (only the model differs), the client sees the
// upstream's bytes. Bodies are written with odd spacing, key order, escapes and fields no IR knows, so any
// decode/re-encode on the way shows up as a difference.
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
beforeEach(() => fake.reset());

const send = (path: string, body: string) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body });

/** What the client received, as bytes (not re-decoded text). */
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

interface Dialect {
  name: string;
  path: string;
  /** Where the request must arrive at the fake (stream and non-stream). */
  upstreamPath: { plain: string; stream: string };
  /** A client body with the client-facing model; `stream` toggles the stream flag where the body carries it. */
  request(stream: boolean): string;
  /** The same bytes with the upstream model, as the fake must receive them. */
  expected(stream: boolean): string;
  streamPath?: string;
  body: string;
  sse: string;
  /** The answer's model as the upstream names it → as the client asked for it (the client hears its own id back). */
  renamed?: [upstream: string, client: string];
}

/** What the client must receive: the upstream's bytes, with only the model's name changed to the client's. */
const answered = (dialect: Dialect, text: string) => (dialect.renamed ? text.split(`"model":"${dialect.renamed[0]}"`).join(`"model":"${dialect.renamed[1]}"`) : text);

const DIALECTS: Dialect[] = [
  {
    name: 'OpenAI Chat → OpenAI-compatible',
    renamed: ['upstream-chat', 'chat-model'],
    path: '/v1/chat/completions',
    upstreamPath: { plain: '/v1/chat/completions', stream: '/v1/chat/completions' },
    request: (stream) => `{ "messages" : [ {"role":"user","content":"spacing   kept ✓ \\u00e9"} ],\n  "model":"chat-model",  "stream": ${stream}, "temperature": 0.50, "x_vendor": {"a": [1, 2.0]} }`,
    expected: (stream) => `{ "messages" : [ {"role":"user","content":"spacing   kept ✓ \\u00e9"} ],\n  "model":"upstream-chat",  "stream": ${stream}, "temperature": 0.50, "x_vendor": {"a": [1, 2.0]} }`,
    body: '{"id":"chatcmpl-1",  "object":"chat.completion","model":"upstream-chat","choices":[{"index":0,"message":{"role":"assistant","content":"b\\u00e9 ✓"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5},"system_fingerprint":"fp_x"}\n',
    sse:
      'data: {"id":"c1","object":"chat.completion.chunk","model":"upstream-chat","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]}\n\n' +
      'data:{"id":"c1","object":"chat.completion.chunk","model":"upstream-chat","choices":[{"index":0,"delta":{"content":" ✓"},"finish_reason":"stop"}],"x_vendor":1}\n\n' +
      'data: [DONE]\n\n',
  },
  {
    name: 'Claude Messages → Claude key',
    renamed: ['claude-upstream', 'claude-model'],
    path: '/v1/messages',
    upstreamPath: { plain: '/v1/messages', stream: '/v1/messages' },
    request: (stream) => `{"model" : "claude-model","max_tokens":64,"stream":${stream},\n"messages":[{"role":"user","content":[{"type":"text","text":"hi  ✓","cache_control":{"type":"ephemeral"}}]}],"metadata":{"user_id":"u-1"}}`,
    expected: (stream) => `{"model" : "claude-upstream","max_tokens":64,"stream":${stream},\n"messages":[{"role":"user","content":[{"type":"text","text":"hi  ✓","cache_control":{"type":"ephemeral"}}]}],"metadata":{"user_id":"u-1"}}`,
    body: '{"id":"msg_1","type":"message","role":"assistant","model":"claude-upstream","content":[{"type":"text","text":"Hi \\u2713"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":2,"service_tier":"standard"}}',
    sse:
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-upstream","content":[],"stop_reason":null,"usage":{"input_tokens":3,"output_tokens":1}}}\n\n' +
      ': a comment line the proxy must not drop\n\n' +
      'event: ping\ndata:{"type": "ping"}\n\n' +
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi ✓"}}\n\n' +
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}\n\n' +
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
  },
  {
    name: 'Gemini generateContent → Gemini key',
    path: '/v1beta/models/gemini-model:generateContent',
    streamPath: '/v1beta/models/gemini-model:streamGenerateContent?alt=sse',
    upstreamPath: { plain: '/v1beta/models/gemini-upstream:generateContent', stream: '/v1beta/models/gemini-upstream:streamGenerateContent' },
    // Gemini carries the model in the path: the body goes through untouched, even a "model" field in it.
    request: () => `{"contents": [{"role":"user","parts":[{"text":"hi  ✓"}]}], "generationConfig":{"temperature":0.50}, "model": "not-rewritten", "labels": {"a":"b"}}`,
    expected: () => `{"contents": [{"role":"user","parts":[{"text":"hi  ✓"}]}], "generationConfig":{"temperature":0.50}, "model": "not-rewritten", "labels": {"a":"b"}}`,
    body: '{\n  "candidates": [{"content": {"role": "model", "parts": [{"text": "Hi \\u2713"}]}, "finishReason": "STOP", "index": 0}],\n  "usageMetadata": {"promptTokenCount": 3, "candidatesTokenCount": 2, "totalTokenCount": 5},\n  "modelVersion": "gemini-upstream"\n}\n',
    sse:
      'data: {"candidates": [{"content": {"role": "model","parts": [{"text": "Hi"}]},"index": 0}],"modelVersion": "gemini-upstream"}\r\n\r\n' +
      'data: {"candidates": [{"content": {"role": "model","parts": [{"text": " ✓"}]},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 3,"candidatesTokenCount": 2,"totalTokenCount": 5}}\r\n\r\n',
  },
  {
    name: 'OpenAI Responses → Codex key',
    renamed: ['gpt-upstream', 'responses-model'],
    path: '/v1/responses',
    upstreamPath: { plain: '/v1/responses', stream: '/v1/responses' },
    request: (stream) => `{"input":[{"role":"user","content":[{"type":"input_text","text":"hi  ✓"}]}], "model":"responses-model", "stream":${stream}, "store":false, "include":["reasoning.encrypted_content"]}`,
    expected: (stream) => `{"input":[{"role":"user","content":[{"type":"input_text","text":"hi  ✓"}]}], "model":"gpt-upstream", "stream":${stream}, "store":false, "include":["reasoning.encrypted_content"]}`,
    body: '{"id":"resp_1","object":"response","status":"completed","model":"gpt-upstream","output":[{"type":"message","id":"m1","role":"assistant","content":[{"type":"output_text","text":"Hi \\u2713","annotations":[]}]}],"usage":{"input_tokens":3,"output_tokens":2,"total_tokens":5}}',
    sse:
      'event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","status":"in_progress","model":"gpt-upstream","output":[]}}\n\n' +
      'id: 1\r\nevent: response.output_text.delta\r\ndata:{"type":"response.output_text.delta","sequence_number":1,"item_id":"m1","output_index":0,"content_index":0,"delta":"Hi ✓"}\r\n\r\n' +
      'event: response.completed\ndata: {"type":"response.completed","sequence_number":2,"response":{"id":"resp_1","object":"response","status":"completed","model":"gpt-upstream","output":[],"usage":{"input_tokens":3,"output_tokens":2,"total_tokens":5}}}\n\n',
  },
];

describe.each(DIALECTS)('$name: bytes pass through', (dialect) => {
  it('non-stream: the request bytes reach the upstream unchanged apart from the model, the answer bytes reach the client unchanged apart from the model it names (the client id)', async () => {
    fake.script({ path: dialect.upstreamPath.plain }, { kind: 'raw', status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining-requests': '41' }, body: dialect.body });
    const response = await send(dialect.path, dialect.request(false));
    expect(response.status).toBe(200);
    const text = (await bytesOf(response)).toString('utf8');
    expect(text).toBe(answered(dialect, dialect.body));
    if (dialect.renamed) expect(text).toContain(`"model":"${dialect.renamed[1]}"`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('41');
    const upstream = fake.requests.at(-1)!;
    expect(upstream.path).toBe(dialect.upstreamPath.plain);
    expect(upstream.rawBody.toString('utf8')).toBe(dialect.expected(false));
  });

  it('stream: the request bytes reach the upstream unchanged apart from the model, every SSE byte reaches the client unchanged apart from the model it names (the client id)', async () => {
    fake.script({ path: dialect.upstreamPath.stream }, { kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: dialect.sse });
    const response = await send(dialect.streamPath ?? dialect.path, dialect.request(true));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = (await bytesOf(response)).toString('utf8');
    expect(text).toBe(answered(dialect, dialect.sse));
    if (dialect.renamed) expect(text).not.toContain(`"model":"${dialect.renamed[0]}"`);
    const upstream = fake.requests.at(-1)!;
    expect(upstream.path).toBe(dialect.upstreamPath.stream);
    expect(upstream.rawBody.toString('utf8')).toBe(dialect.expected(true));
  });
});

describe('Gemini stream without alt=sse', () => {
  it("is Google's JSON array: each element is one upstream event's bytes, unchanged", async () => {
    const gemini = DIALECTS.find((dialect) => dialect.name.startsWith('Gemini'))!;
    fake.script({ path: gemini.upstreamPath.stream }, { kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: gemini.sse });
    const response = await send('/v1beta/models/gemini-model:streamGenerateContent', gemini.request(true));
    expect(response.status).toBe(200);
    const events = gemini.sse.split('\r\n\r\n').filter(Boolean).map((event) => event.replace(/^data: /, ''));
    expect((await bytesOf(response)).toString('utf8')).toBe(`[${events.join(',\r\n')}]`);
    // The upstream is always asked for SSE (the array is reassembled here).
    expect(fake.requests.at(-1)!.query).toMatchObject({ alt: 'sse' });
    expect(fake.requests.at(-1)!.rawBody.toString('utf8')).toBe(gemini.expected(true));
  });
});
