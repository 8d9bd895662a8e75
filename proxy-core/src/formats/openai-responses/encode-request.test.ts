import { describe, expect, it } from 'vitest';
import type { IrRequest } from '../../ir/index.js';
import { encodeRequest } from './encode-request.js';

const base: IrRequest = { model: 'client', source: 'claude-messages', stream: true, system: [{ type: 'text', text: 'Be brief.' }], messages: [] };
const encode = (request: Partial<IrRequest>) => encodeRequest({ ...base, ...request }, { model: 'gpt-5', stream: true });

describe('IR → Responses request (OpenAI / Codex upstream)', () => {
  it('sends the whole conversation with store:false; the system prompt as a developer message, as Codex does', () => {
    const body = encode({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
    expect(body).toMatchObject({ model: 'gpt-5', stream: true, store: false });
    expect(body.instructions).toBeUndefined();
    expect(body.input).toEqual([
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Be brief.' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
    ]);
  });

  it('replays OpenAI reasoning only with its own encrypted content, and pairs custom calls with custom outputs', () => {
    const body = encode({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'patch it' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Claude thought', signature: { family: 'claude', value: 'EqQB' } },
            { type: 'reasoning', text: 'GPT thought', signature: { family: 'openai', value: 'gAAAA1' }, itemId: 'rs_9' },
            { type: 'text', text: 'Patching.' },
            { type: 'tool-call', id: 'call_1', name: 'apply_patch', arguments: '*** Begin Patch', kind: 'custom' },
            { type: 'tool-call', id: 'call_2', name: 'shell', arguments: '{"cmd":"ls"}' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: 'Done!' }] },
            { type: 'tool-result', toolCallId: 'call_2', content: [{ type: 'text', text: 'a.txt' }] },
          ],
        },
      ],
    });
    expect((body.input as unknown[]).slice(2)).toEqual([
      { type: 'reasoning', summary: [{ type: 'summary_text', text: 'GPT thought' }], encrypted_content: 'gAAAA1', id: 'rs_9' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Patching.', annotations: [] }] },
      { type: 'custom_tool_call', call_id: 'call_1', name: 'apply_patch', input: '*** Begin Patch' },
      { type: 'function_call', call_id: 'call_2', name: 'shell', arguments: '{"cmd":"ls"}' },
      { type: 'custom_tool_call_output', call_id: 'call_1', output: 'Done!' },
      { type: 'function_call_output', call_id: 'call_2', output: 'a.txt' },
    ]);
  });

  it('function tools are not strict unless asked (Responses would enforce strict schemas by default)', () => {
    const body = encode({
      tools: [
        { type: 'function', name: 'f', inputSchema: { type: 'object' } },
        { type: 'function', name: 'g', inputSchema: { type: 'object', properties: {} }, strict: true },
        { type: 'builtin', kind: 'web-search', name: 'web_search', source: 'claude-messages', raw: { type: 'web_search_20250305' } },
        { type: 'builtin', kind: 'code-execution', name: 'code_execution', source: 'claude-messages', raw: {} },
      ],
      toolChoice: { type: 'tool', name: 'g' },
    });
    expect(body.tools).toEqual([
      { type: 'function', name: 'f', parameters: { type: 'object', properties: {} }, strict: false },
      { type: 'function', name: 'g', parameters: { type: 'object', properties: {} }, strict: true },
      { type: 'web_search' },
    ]);
    expect(body.tool_choice).toEqual({ type: 'function', name: 'g' });
  });

  it('no tools, no tool_choice; reasoning asks for encrypted content; images and files as input parts', () => {
    const body = encode({
      toolChoice: { type: 'required' },
      reasoning: { mode: 'level', level: 'high', includeThoughts: true },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' }, detail: 'low' },
            { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' }, filename: 'a.pdf' },
          ],
        },
      ],
    });
    expect(body.tool_choice).toBeUndefined();
    expect(body.reasoning).toEqual({ effort: 'high', summary: 'auto' });
    expect(body.include).toEqual(['reasoning.encrypted_content']);
    expect((body.input as Array<{ content: unknown }>)[1].content).toEqual([
      { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'low' },
      { type: 'input_file', file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' },
    ]);
  });
});
