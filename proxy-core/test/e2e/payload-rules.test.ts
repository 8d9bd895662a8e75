import { writeFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, startTestProxy, type TestProxy } from './harness.js';

// config.yaml `payload` rules change the body sent upstream (after translation), matched by model glob, upstream
// protocol, client protocol, request headers and body conditions; a reload swaps them.

let fake: FakeUpstream;
let proxy: TestProxy;
let client: OpenAI;

const RULES = `payload:
  default:
    - models: [{ name: "chat-*" }]
      params: { temperature: 0.3, "metadata.team": "alpha" }
    - models: [{ name: "chat-*" }]
      params: { temperature: 0.9 }
  default-raw:
    - models: [{ name: "*-model", protocol: openai }]
      params: { "response_format": "{\\"type\\":\\"json_object\\"}" }
  override:
    - models: [{ name: "upstream-chat", protocol: openai }]
      params: { max_tokens: 64, "reasoning.effort": "high" }
    - models: [{ name: "upstream-chat", protocol: claude }]
      params: { max_tokens: 1 }
    - models: [{ name: "chat-model", from-protocol: responses }]
      params: { max_tokens: 2 }
    - models: [{ name: "chat-model", headers: { X-Tier: "gold-*" } }]
      params: { service_tier: "priority" }
    - models: [{ name: "chat-model", exist: ["tools"] }]
      params: { parallel_tool_calls: false }
  filter:
    - models: [{ name: "chat-model", match: [{ "user": "drop-me" }] }]
      params: ["user", "metadata.team"]
`;

const providers = () => `openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream-payload-0001" }]
    models: [{ name: "upstream-chat", alias: "chat-model" }, { name: "other-upstream", alias: "plain" }]
`;

async function writeConfig(rules: string): Promise<void> {
  writeFileSync(proxy.configPath, configWith(`${rules}${providers()}`).replaceAll('$AUTH_DIR', path.join(proxy.dir, 'auth')));
  expect((await proxy.proxy.reload()).ok).toBe(true);
}

async function sentUpstream(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const before = fake.requests.length;
  await client.chat.completions.create({ messages: [{ role: 'user', content: 'hi' }], ...body } as never, { headers });
  expect(fake.requests).toHaveLength(before + 1);
  return fake.requests.at(-1)!.body as Record<string, unknown>;
}

beforeAll(async () => {
  fake = await startFakeUpstream({});
  proxy = await startTestProxy('port: 0\n');
  client = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${proxy.url}/v1`, maxRetries: 0 });
  await writeConfig(RULES);
});

afterAll(async () => {
  await proxy.close();
  await fake.close();
});

describe('payload rules', () => {
  it('defaults fill what the client left out (first rule wins), overrides always set, raw values are JSON', async () => {
    const sent = await sentUpstream({ model: 'chat-model' });
    expect(sent).toMatchObject({
      model: 'upstream-chat',
      temperature: 0.3,
      metadata: { team: 'alpha' },
      response_format: { type: 'json_object' },
      max_tokens: 64,
      reasoning: { effort: 'high' },
    });
    // Rules for another upstream protocol, another client protocol, a header or a body condition not met: not applied.
    expect(sent).not.toHaveProperty('service_tier');
    expect(sent).not.toHaveProperty('parallel_tool_calls');
  });

  it('keeps a value the client sent over a default, and overrides it when a rule says so', async () => {
    const sent = await sentUpstream({ model: 'chat-model', temperature: 1.5, max_tokens: 9000 });
    expect(sent.temperature).toBe(1.5);
    expect(sent.max_tokens).toBe(64);
  });

  it('applies rules whose header and body conditions match, and filters paths', async () => {
    const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }];
    const sent = await sentUpstream({ model: 'chat-model', user: 'drop-me', tools }, { 'X-Tier': 'gold-eu' });
    expect(sent.service_tier).toBe('priority');
    expect(sent.parallel_tool_calls).toBe(false);
    expect(sent).not.toHaveProperty('user');
    expect(sent.metadata).toEqual({});
  });

  it('leaves models no rule names untouched, byte for byte', async () => {
    const sent = await sentUpstream({ model: 'plain' });
    expect(sent).toEqual({ model: 'other-upstream', messages: [{ role: 'user', content: 'hi' }] });
  });

  it('takes new rules on reload', async () => {
    await writeConfig(`payload:
  override:
    - models: [{ name: "plain" }]
      params: { temperature: 0 }
`);
    expect((await sentUpstream({ model: 'plain' })).temperature).toBe(0);
    expect(await sentUpstream({ model: 'chat-model' })).not.toHaveProperty('max_tokens');
    await writeConfig(RULES);
  });

  it('refuses a raw value that is not JSON, naming the field', async () => {
    writeFileSync(
      proxy.configPath,
      configWith(`payload:\n  override-raw:\n    - models: [{ name: "*" }]\n      params: { "response_format": "{not json" }\n${providers()}`).replaceAll('$AUTH_DIR', path.join(proxy.dir, 'auth')),
    );
    const result = await proxy.proxy.reload();
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('payload.override-raw.0.params.response_format');
    await writeConfig(RULES);
  });
});
