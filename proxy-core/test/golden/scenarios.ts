/**
 * The golden matrix's scenarios, and each client dialect's request for them, written as that dialect's
 * real clients send them. The upstream answers live in `upstream/<format>/<answer>.(json|sse)`.
 */
import type { FormatId } from '../../src/ir/index.js';

export interface Scenario {
  name: string;
  stream: boolean;
  /** Upstream fixture answering this scenario. */
  answer: 'text' | 'parallel-tools' | 'thinking' | 'error-mid-stream' | 'rate-limit' | 'long-tool-name';
  system?: boolean;
  image?: boolean;
  tools?: boolean;
  /** A finished tool call and its result in the history. */
  toolHistory?: boolean;
  thinking?: boolean;
  /** The offered tool has a name longer than OpenAI's and Gemini's 64 characters (an MCP tool of a coding CLI). */
  longToolName?: boolean;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'plain-text', stream: false, answer: 'text' },
  { name: 'plain-text-stream', stream: true, answer: 'text' },
  { name: 'system-prompt', stream: false, answer: 'text', system: true },
  { name: 'image-input', stream: false, answer: 'text', image: true },
  { name: 'tool-round-trip', stream: true, answer: 'text', tools: true, toolHistory: true },
  { name: 'tool-round-trip-non-stream', stream: false, answer: 'text', tools: true, toolHistory: true },
  { name: 'parallel-tools', stream: false, answer: 'parallel-tools', tools: true },
  { name: 'parallel-tools-stream', stream: true, answer: 'parallel-tools', tools: true },
  { name: 'thinking', stream: false, answer: 'thinking', thinking: true },
  { name: 'thinking-stream', stream: true, answer: 'thinking', thinking: true },
  { name: 'error-before-first-byte', stream: true, answer: 'rate-limit' },
  { name: 'error-after-first-byte', stream: true, answer: 'error-mid-stream' },
  { name: 'long-tool-name', stream: true, answer: 'long-tool-name', tools: true, longToolName: true },
];

/** 84 characters: OpenAI and Gemini upstreams get its first 64, and clients must see it whole again. */
export const LONG_TOOL_NAME = 'mcp__company_knowledge_base__search_engineering_design_documents_by_keyword_and_team';

function toolName(scenario: Scenario): string {
  return scenario.longToolName ? LONG_TOOL_NAME : 'get_weather';
}

/** A 1×1 transparent PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const QUESTION = 'What is 2+2?';
const SYSTEM = 'You are terse.';
const WEATHER_SCHEMA = { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'], additionalProperties: false };

function openAiChat(scenario: Scenario): Record<string, unknown> {
  const messages: unknown[] = [];
  if (scenario.system) messages.push({ role: 'system', content: SYSTEM });
  messages.push({ role: 'user', content: scenario.image ? [{ type: 'text', text: QUESTION }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] : QUESTION });
  if (scenario.toolHistory) {
    messages.push({ role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] });
    messages.push({ role: 'tool', tool_call_id: 'call_1', content: '18°C and sunny' });
  }
  return {
    model: 'client-model',
    messages,
    ...(scenario.tools ? { tools: [{ type: 'function', function: { name: toolName(scenario), description: 'Current weather', parameters: WEATHER_SCHEMA } }], tool_choice: 'auto' } : {}),
    ...(scenario.thinking ? { reasoning_effort: 'high' } : {}),
    max_tokens: scenario.thinking ? 32000 : 1024,
    ...(scenario.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

function openAiResponses(scenario: Scenario): Record<string, unknown> {
  const input: unknown[] = [
    { type: 'message', role: 'user', content: scenario.image ? [{ type: 'input_text', text: QUESTION }, { type: 'input_image', image_url: `data:image/png;base64,${PNG}` }] : [{ type: 'input_text', text: QUESTION }] },
  ];
  if (scenario.toolHistory) {
    input.push({ type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' });
    input.push({ type: 'function_call_output', call_id: 'call_1', output: '18°C and sunny' });
  }
  return {
    model: 'client-model',
    ...(scenario.system ? { instructions: SYSTEM } : {}),
    input,
    ...(scenario.tools ? { tools: [{ type: 'function', name: toolName(scenario), description: 'Current weather', parameters: WEATHER_SCHEMA, strict: false }], tool_choice: 'auto' } : {}),
    ...(scenario.thinking ? { reasoning: { effort: 'high', summary: 'auto' }, include: ['reasoning.encrypted_content'] } : {}),
    max_output_tokens: scenario.thinking ? 32000 : 1024,
    stream: scenario.stream,
  };
}

function claudeMessages(scenario: Scenario): Record<string, unknown> {
  const messages: unknown[] = [
    { role: 'user', content: scenario.image ? [{ type: 'text', text: QUESTION }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }] : QUESTION },
  ];
  if (scenario.toolHistory) {
    messages.push({ role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }] });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C and sunny' }] });
  }
  return {
    model: 'client-model',
    max_tokens: scenario.thinking ? 32000 : 1024,
    ...(scenario.system ? { system: [{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }] } : {}),
    messages,
    ...(scenario.tools ? { tools: [{ name: toolName(scenario), description: 'Current weather', input_schema: WEATHER_SCHEMA }] } : {}),
    ...(scenario.thinking ? { thinking: { type: 'enabled', budget_tokens: 24576 } } : {}),
    stream: scenario.stream,
  };
}

function gemini(scenario: Scenario): Record<string, unknown> {
  const contents: unknown[] = [
    { role: 'user', parts: scenario.image ? [{ text: QUESTION }, { inlineData: { mimeType: 'image/png', data: PNG } }] : [{ text: QUESTION }] },
  ];
  if (scenario.toolHistory) {
    contents.push({ role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'skip_thought_signature_validator' }] });
    contents.push({ role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: '18°C and sunny' } } }] });
  }
  return {
    contents,
    ...(scenario.system ? { systemInstruction: { parts: [{ text: SYSTEM }] } } : {}),
    ...(scenario.tools ? { tools: [{ functionDeclarations: [{ name: toolName(scenario), description: 'Current weather', parametersJsonSchema: WEATHER_SCHEMA }] }] } : {}),
    generationConfig: { maxOutputTokens: scenario.thinking ? 32000 : 1024, ...(scenario.thinking ? { thinkingConfig: { thinkingLevel: 'HIGH', includeThoughts: true } } : {}) },
  };
}

export const CLIENT_REQUESTS: Record<FormatId, (scenario: Scenario) => Record<string, unknown>> = {
  'openai-chat': openAiChat,
  'openai-responses': openAiResponses,
  'claude-messages': claudeMessages,
  gemini,
};

/** Each upstream's real 429 answer (body and headers) for the error-before-first-byte scenario. */
export const RATE_LIMITS: Record<FormatId, { body: string; headers: Record<string, string> }> = {
  'openai-chat': { body: '{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}', headers: { 'retry-after': '20' } },
  'openai-responses': { body: '{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}', headers: { 'retry-after': '20' } },
  'claude-messages': { body: '{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}', headers: { 'retry-after': '20' } },
  gemini: {
    body: '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"20s"}]}}',
    headers: {},
  },
};
