import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSseText, startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, crossDialectConfig, startTestProxy, type TestProxy } from './harness.js';

// Claude Code 2.1.330's real request (real-clients §3.1: billing-header system block, cache_control,
// context_management, adaptive thinking with a Claude signature in the history, a mid-conversation system
// message, a defer_loading tool, a sparse tool_result) through the real server to models of every other dialect.
const fixture = JSON.parse(readFileSync(new URL('../../src/formats/claude-messages/__fixtures__/request-claude-code.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const CLAUDE_SIGNATURE = 'EqQBCkgIBxABGAIqQJm3Xc0claude-opus-5-5sigAA==';
const TEXT = 'Summary: echo printed hi.';

let fake: FakeUpstream;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeUpstream({ text: TEXT });
  proxy = await startTestProxy(crossDialectConfig(fake.url));
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

/** As Claude Code sends it: `?beta=true`, Bearer auth, its beta and app headers. */
function send(body: Record<string, unknown>) {
  return fetch(`${proxy.url}/v1/messages?beta=true`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${CLIENT_KEY}`,
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,effort-2025-11-24,advanced-tool-use-2025-11-20',
      'anthropic-dangerous-direct-browser-access': 'true',
      'x-app': 'cli',
      'user-agent': 'claude-cli/2.1.330 (external, sdk-cli)',
    },
    body: JSON.stringify(body),
  });
}

describe.each([
  ['gemini-model', /\/v1beta\/models\/gemini-upstream:streamGenerateContent$/],
  ['chat-model', /\/v1\/chat\/completions$/],
  ['responses-model', /\/v1\/responses$/],
])('Claude Code’s request → %s', (model, upstreamPath) => {
  it('streams back a well-formed Messages answer, and nothing Claude-only reaches the other vendor', async () => {
    const response = await send({ ...fixture, model });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = parseSseText(await response.text());
    const types = events.map((event) => event.event);
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(types).not.toContain('error');
    const text = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => JSON.parse(event.data).delta)
      .filter((delta) => delta.type === 'text_delta')
      .map((delta) => delta.text)
      .join('');
    expect(text).toBe(TEXT);
    const delta = JSON.parse(events.find((event) => event.event === 'message_delta')!.data);
    expect(delta.delta.stop_reason).toBe('end_turn');
    expect(delta.usage.output_tokens).toBeGreaterThan(0);
    expect(JSON.parse(events[0].data).message.model).toBe(model);

    const upstream = fake.requests.at(-1)!;
    expect(upstream.path).toMatch(upstreamPath);
    const sent = upstream.rawBody.toString();
    for (const claudeOnly of ['context_management', 'clear_thinking_20251015', 'cache_control', 'x-anthropic-billing-header', 'cc_entrypoint', 'defer_loading', 'deferLoading', CLAUDE_SIGNATURE]) {
      expect(sent, `${claudeOnly} reached ${model}'s upstream`).not.toContain(claudeOnly);
    }
    // The conversation itself does arrive: the system prompt, the mid-conversation system note, the tools and the last question.
    expect(sent).toContain("You are Claude Code, Anthropic's official CLI for Claude.");
    expect(sent).toContain('The user switched to plan mode.');
    expect(sent).toContain('thanks, now summarise');
    for (const tool of ['Bash', 'ToolSearch', 'TaskStop']) expect(sent).toContain(`"${tool}"`);
  });

  it('the same request without stream gets one Messages JSON body', async () => {
    const response = await send({ ...fixture, model, stream: false });
    expect(response.status).toBe(200);
    const message = (await response.json()) as { type: string; role: string; model: string; content: Array<{ type: string; text?: string }>; stop_reason: string };
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model, stop_reason: 'end_turn' });
    expect(message.content.filter((block) => block.type === 'text').map((block) => block.text).join('')).toBe(TEXT);
    expect(fake.requests.at(-1)!.rawBody.toString()).not.toMatch(/context_management|cache_control|x-anthropic-billing-header|defer_loading/);
  });
});
