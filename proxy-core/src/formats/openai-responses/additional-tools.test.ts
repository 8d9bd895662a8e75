import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientTools } from './client-tools.js';
import { decodeRequest } from './decode-request.js';

// Codex CLI 0.171 on its default model (gpt-6.2-sol) declares its tools in an `additional_tools` input item,
// grouped in namespaces (`functions` holds the custom `exec` tool and plain functions), and sends no `tools`.
// Captured from the real CLI against a logging server; descriptions shortened.
const codexRequest = JSON.parse(readFileSync(new URL('./__fixtures__/codex-0.171-additional-tools.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('additional_tools input items (Codex CLI on its newest models)', () => {
  it('become the request tools: the default `functions` namespace keeps plain names, others are flattened', () => {
    const request = decodeRequest(codexRequest);
    const names = request.tools?.map((tool) => `${tool.type}:${'name' in tool ? tool.name : ''}`);
    expect(names).toEqual([
      'custom:exec',
      'function:wait',
      'function:request_user_input',
      'function:request_user_input_async',
      'function:send_message_to_user_async',
      'function:clock__sleep',
      'function:collaboration__followup_task',
      'function:collaboration__interrupt_agent',
      'function:collaboration__list_agents',
      'function:collaboration__send_message',
      'function:collaboration__spawn_agent',
      'function:collaboration__wait_agent',
    ]);
    // The declarations are not a message: only the user's turn remains.
    expect(request.messages).toHaveLength(1);
    expect(request.messages[0]).toMatchObject({ role: 'user', content: [{ type: 'text', text: 'Run echo tool-ok and tell me what it printed.' }] });
  });

  it('answers name the tool as the client declared it (namespace split back, custom calls stay custom)', () => {
    const tools = clientTools(decodeRequest(codexRequest));
    expect(tools.call('clock__sleep', '{"ms":1}', undefined)).toEqual({ kind: 'function', name: 'sleep', namespace: 'clock', input: '{"ms":1}' });
    expect(tools.call('wait', '{}', undefined)).toEqual({ kind: 'function', name: 'wait', input: '{}' });
    expect(tools.call('exec', '{"input":"await tools.exec_command({cmd: \\"ls\\"})"}', 'function')).toEqual({ kind: 'custom', name: 'exec', input: 'await tools.exec_command({cmd: "ls"})' });
  });

  it('history calls in a namespace (or the default one) decode to the flat names the tools were declared under', () => {
    const request = decodeRequest({
      ...codexRequest,
      input: [
        ...(codexRequest.input as unknown[]),
        { type: 'function_call', call_id: 'call_1', name: 'sleep', namespace: 'clock', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'slept' },
        { type: 'custom_tool_call', call_id: 'call_2', name: 'exec', namespace: 'functions', input: 'exit()' },
        { type: 'custom_tool_call_output', call_id: 'call_2', output: 'done' },
      ],
    });
    const parts: Array<{ type: string; name?: string }> = request.messages.flatMap((message) => [...message.content]);
    expect(parts.filter((part) => part.type === 'tool-call').map((call) => call.name)).toEqual(['clock__sleep', 'exec']);
  });

  it('a malformed additional_tools item is a 400 naming where it is', () => {
    expect(() => decodeRequest({ model: 'm', input: [{ type: 'additional_tools', tools: 'nope' }] })).toThrow(/input\[0\]\.tools|input\.0\.tools/);
    expect(() => decodeRequest({ model: 'm', input: [{ type: 'additional_tools', tools: [{ type: 'namespace', name: 'x', tools: [{ type: 'web_search' }] }] }] })).toThrow(/"function" or "custom" inside a namespace/);
  });
});
