import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormatId } from '../../src/ir/index.js';
import { createTestClock, startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { eventually, management } from './accounts-harness.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// What the usage page shows for each request, to the token: every client dialect × every upstream dialect,
// stream and not, against one proxy. The fake reports input 11 (3 of them cached) and output 7 (2 of them
// reasoning) in each vendor's own spelling; the proxy must record exactly that, never an estimate.

const FORMATS: readonly FormatId[] = ['openai-chat', 'openai-responses', 'claude-messages', 'gemini'];
/** The model served by each upstream dialect (see the config below). */
const MODEL_OF: Record<FormatId, string> = {
  'openai-chat': 'chat-model',
  'openai-responses': 'responses-model',
  'claude-messages': 'claude-model',
  gemini: 'gemini-model',
};
const PROMPT = 'Count my tokens, please.';
const ANSWER = 'Hello from the fake upstream.';

interface ClientRequest {
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Each dialect's request as its SDK sends it; chat asks for stream usage as OpenAI's SDK users do. */
const CLIENT_REQUESTS: Record<FormatId, (model: string, stream: boolean) => ClientRequest> = {
  'openai-chat': (model, stream) => ({
    path: '/v1/chat/completions',
    headers: { authorization: `Bearer ${CLIENT_KEY}` },
    body: { model, messages: [{ role: 'user', content: PROMPT }], ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}) },
  }),
  'openai-responses': (model, stream) => ({ path: '/v1/responses', headers: { authorization: `Bearer ${CLIENT_KEY}` }, body: { model, input: PROMPT, stream } }),
  'claude-messages': (model, stream) => ({
    path: '/v1/messages',
    headers: { 'x-api-key': CLIENT_KEY, 'anthropic-version': '2023-06-01' },
    body: { model, max_tokens: 256, messages: [{ role: 'user', content: PROMPT }], stream },
  }),
  gemini: (model, stream) => ({
    path: `/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    headers: { 'x-goog-api-key': CLIENT_KEY },
    body: { contents: [{ role: 'user', parts: [{ text: PROMPT }] }] },
  }),
};

interface RecordView {
  requestId: string;
  requestedModel: string;
  clientFormat: string;
  upstreamFormat: string;
  stream: boolean;
  status: number;
  latencyMs: number;
  ttfbMs: number | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  estimated: boolean;
}

let exact: FakeUpstream;
let zeroOutput: FakeUpstream;
let silent: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  [exact, zeroOutput, silent] = await Promise.all([
    startFakeUpstream({ text: ANSWER, usage: { input: 11, output: 7, cached: 3, reasoning: 2 } }),
    startFakeUpstream({ text: ANSWER, usage: { input: 11, output: 0 } }),
    startFakeUpstream({ text: ANSWER, usage: 'none' }),
  ]);
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${exact.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-openai" }]
    models: [{ name: "upstream-chat", alias: "chat-model" }]
  - name: terse
    base-url: "${zeroOutput.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-terse" }]
    models: [{ name: "upstream-terse", alias: "zero-output-model" }]
  - name: silent
    base-url: "${silent.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-silent" }]
    models: [{ name: "upstream-silent", alias: "no-usage-model" }]
claude-api-key:
  - api-key: "sk-ant-upstream"
    base-url: "${exact.url}"
    models: [{ name: "claude-upstream", alias: "claude-model" }]
gemini-api-key:
  - api-key: "AIza-upstream"
    base-url: "${exact.url}"
    models: [{ name: "gemini-upstream", alias: "gemini-model" }]
codex-api-key:
  - api-key: "sk-upstream-codex"
    base-url: "${exact.url}/v1"
    models: [{ name: "gpt-upstream", alias: "responses-model" }]
`),
    // Never reads the same millisecond twice: a TTFB is at least 1 ms, so its sign shows.
    { deps: { clock: createTestClock() } },
  );
});
afterAll(async () => {
  await proxy?.close();
  await Promise.all([exact?.close(), zeroOutput?.close(), silent?.close()]);
});

/** Sends the request, reads the whole answer, and returns the usage record the proxy kept for it. */
async function send(request: ClientRequest): Promise<{ record: RecordView; sentBytes: number; text: string }> {
  const body = JSON.stringify(request.body);
  const response = await fetch(`${proxy.url}${request.path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  const requestId = response.headers.get('x-request-id')!;
  const recent = await eventually(
    async () => (await management<{ requests: RecordView[] }>(proxy, 'GET', '/usage/recent?limit=1000')).body.requests,
    (requests) => requests.some((record) => record.requestId === requestId),
  );
  return { record: recent.find((record) => record.requestId === requestId)!, sentBytes: Buffer.byteLength(body), text };
}

function expectTimings(record: RecordView): void {
  expect(record.ttfbMs).not.toBeNull();
  expect(record.ttfbMs!).toBeGreaterThan(0);
  expect(record.ttfbMs!).toBeLessThanOrEqual(record.latencyMs);
}

const cases = FORMATS.flatMap((client) => FORMATS.flatMap((upstream) => [false, true].map((stream) => ({ client, upstream, stream }))));
/** What /usage must add up to over the matrix, accumulated as the cases run. */
const matrixTotals = { requests: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, totalTokens: 0 };

describe('usage is recorded exactly as the upstream reported it', () => {
  it.each(cases)('$client client → $upstream upstream, stream $stream', async ({ client, upstream, stream }) => {
    const { record } = await send(CLIENT_REQUESTS[client](MODEL_OF[upstream], stream));
    // Claude reports no separate reasoning count; the others report 2 of the 7 output tokens as reasoning.
    const reasoningTokens = upstream === 'claude-messages' ? 0 : 2;
    expect(record).toMatchObject({
      requestedModel: MODEL_OF[upstream],
      clientFormat: client,
      upstreamFormat: upstream,
      stream,
      status: 200,
      inputTokens: 11,
      outputTokens: 7,
      cachedTokens: 3,
      reasoningTokens,
      totalTokens: 18,
      estimated: false,
    });
    expectTimings(record);
    Object.assign(matrixTotals, {
      requests: matrixTotals.requests + 1,
      inputTokens: matrixTotals.inputTokens + 11,
      outputTokens: matrixTotals.outputTokens + 7,
      cachedTokens: matrixTotals.cachedTokens + 3,
      reasoningTokens: matrixTotals.reasoningTokens + reasoningTokens,
      totalTokens: matrixTotals.totalTokens + 18,
    });
  });

  it('/usage adds the matrix up to the token, per model and in the summary, with nothing estimated', async () => {
    expect(matrixTotals.requests).toBe(cases.length);
    const usage = (await management(proxy, 'GET', '/usage/report?groupBy=model')).body as {
      summary: Record<string, number>;
      rows: Array<{ key: string; requests: number; failures: number; inputTokens: number; outputTokens: number; totalTokens: number }>;
    };
    expect(usage.summary).toMatchObject({ ...matrixTotals, successes: cases.length, failures: 0, estimatedRequests: 0 });
    const perModel = cases.length / FORMATS.length;
    expect(usage.rows.map(({ key, requests, failures, inputTokens, outputTokens, totalTokens }) => ({ key, requests, failures, inputTokens, outputTokens, totalTokens })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      Object.values(MODEL_OF)
        .sort()
        .map((key) => ({ key, requests: perModel, failures: 0, inputTokens: 11 * perModel, outputTokens: 7 * perModel, totalTokens: 18 * perModel })),
    );
  });
});

describe('estimates only when the upstream gave no usage at all', () => {
  it('an answer with 0 output tokens keeps the real numbers (not an estimate)', async () => {
    const { record } = await send(CLIENT_REQUESTS['claude-messages']('zero-output-model', false));
    expect(record).toMatchObject({ upstreamFormat: 'openai-chat', inputTokens: 11, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, totalTokens: 11, estimated: false });
    expectTimings(record);
  });

  it('an answer without usage is estimated from the sizes (4 characters a token) and flagged', async () => {
    // A chat stream without stream_options.include_usage: the upstream sends no usage, the proxy counts the text.
    const { record, sentBytes, text } = await send({ path: '/v1/chat/completions', headers: { authorization: `Bearer ${CLIENT_KEY}` }, body: { model: 'no-usage-model', messages: [{ role: 'user', content: PROMPT }], stream: true } });
    expect(text).toContain('data: [DONE]');
    const inputTokens = Math.ceil(sentBytes / 4);
    const outputTokens = Math.ceil(ANSWER.length / 4);
    expect(record).toMatchObject({ inputTokens, outputTokens, cachedTokens: 0, reasoningTokens: 0, totalTokens: inputTokens + outputTokens, estimated: true });
    expectTimings(record);
  });
});
