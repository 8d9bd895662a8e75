import { describe, expect, it } from 'vitest';
import type { IrRequest, Message, ReasoningConfig } from '../../ir/index.js';
import { chatRequest, toolLoop } from './__fixtures__/ir-requests.js';
import { loadJson } from './__fixtures__/helpers.js';
import { claudeMessagesFormat, DEFAULT_MAX_TOKENS, encodeRequestWithWarnings } from './index.js';

const encode = (request: IrRequest) => encodeRequestWithWarnings(request, { model: 'claude-sonnet-4-5', stream: false });
const body = (request: IrRequest) => encode(request).body;

describe('encodeRequest: thinking', () => {
  const withReasoning = (reasoning: ReasoningConfig, extra: Partial<IrRequest> = {}) => encode(chatRequest({ reasoning, ...extra }));

  it.each([
    [{ mode: 'level', level: 'medium', includeThoughts: true }, { type: 'enabled', budget_tokens: 8192, display: 'summarized' }],
    [{ mode: 'level', level: 'minimal' }, { type: 'enabled', budget_tokens: 1024 }],
    [{ mode: 'budget', budgetTokens: 20000, includeThoughts: false }, { type: 'enabled', budget_tokens: 20000, display: 'omitted' }],
    [{ mode: 'budget', budgetTokens: 64000 }, { type: 'enabled', budget_tokens: DEFAULT_MAX_TOKENS - 1 }],
    [{ mode: 'auto', includeThoughts: true }, { type: 'adaptive', display: 'summarized' }],
    [{ mode: 'none' }, { type: 'disabled' }],
    [{ mode: 'budget', budgetTokens: 0 }, { type: 'disabled' }],
  ] as const)('%j → %j', (reasoning, thinking) => {
    const result = withReasoning(reasoning as ReasoningConfig).body;
    expect(result.thinking).toEqual(thinking);
    expect(result.output_config).toBeUndefined();
  });

  it('keeps the budget below max_tokens and leaves thinking off when max_tokens has no room for it', () => {
    expect(withReasoning({ mode: 'level', level: 'high' }, { maxOutputTokens: 16000 }).body.thinking).toEqual({ type: 'enabled', budget_tokens: 15999 });
    const tight = withReasoning({ mode: 'level', level: 'high' }, { maxOutputTokens: 800 });
    expect(tight.body.thinking).toBeUndefined();
    expect(tight.warnings).toEqual(['Thinking was left off: max_tokens 800 leaves no room for the minimum thinking budget of 1024 tokens.']);
  });

  it('drops temperature and top_k (and top_p below 0.95) while thinking is on', () => {
    const result = withReasoning({ mode: 'level', level: 'low' }, { temperature: 0.3, topK: 20, topP: 0.9 });
    expect(result.body).not.toHaveProperty('temperature');
    expect(result.body).not.toHaveProperty('top_k');
    expect(result.body).not.toHaveProperty('top_p');
    expect(result.warnings).toContain('temperature was not sent: Anthropic rejects it while thinking is on.');
    expect(withReasoning({ mode: 'level', level: 'low' }, { topP: 0.97 }).body.top_p).toBe(0.97);
    expect(withReasoning({ mode: 'none' }, { temperature: 0.3 }).body.temperature).toBe(0.3);
  });

  it('leaves thinking off when the tool choice forces a tool', () => {
    const result = withReasoning({ mode: 'level', level: 'high' }, { tools: [{ type: 'function', name: 'f', inputSchema: { type: 'object' } }], toolChoice: { type: 'required' }, temperature: 0.5 });
    expect(result.body.thinking).toBeUndefined();
    expect(result.body.temperature).toBe(0.5);
    expect(result.warnings[0]).toMatch(/forces a tool call/);
  });

  it('leaves thinking off mid tool loop when the assistant turn has no Claude-signed thinking, keeps it when it has', () => {
    const unsigned = withReasoning({ mode: 'level', level: 'high' }, { messages: toolLoop });
    expect(unsigned.body.thinking).toBeUndefined();
    expect(unsigned.warnings[0]).toMatch(/tool loop in progress/);
    const signedLoop: Message[] = [
      toolLoop[0],
      { role: 'assistant', content: [{ type: 'reasoning', text: 'read it', signature: { family: 'claude', value: 'EqQB' } }, ...toolLoop[1].content] as Message['content'] } as Message,
      toolLoop[2],
    ];
    expect(withReasoning({ mode: 'level', level: 'high' }, { messages: signedLoop }).body.thinking).toEqual({ type: 'enabled', budget_tokens: 24576 });
    // A finished loop (the user spoke after it) is no obstacle.
    const finished = [...toolLoop, { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] }, { role: 'user', content: [{ type: 'text', text: 'Thanks' }] }] as Message[];
    expect(withReasoning({ mode: 'level', level: 'high' }, { messages: finished }).body.thinking).toEqual({ type: 'enabled', budget_tokens: 24576 });
  });

  it('re-sends a Claude client’s adaptive thinking verbatim, and follows a changed level with adaptive + effort', () => {
    const ir = claudeMessagesFormat.decodeRequest(loadJson('request-claude-code.json'));
    expect(body(ir)).toMatchObject({ thinking: { type: 'adaptive', display: 'omitted' }, output_config: { effort: 'high' } });
    const changed = body({ ...ir, reasoning: { mode: 'level', level: 'xhigh', includeThoughts: true } });
    expect(changed).toMatchObject({ thinking: { type: 'adaptive', display: 'summarized' }, output_config: { effort: 'xhigh' } });
    expect(changed.context_management).toEqual({ edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] });
  });

  it('follows a suffix budget on a Claude client’s request and drops thinking and effort when the pipeline removed reasoning', () => {
    const ir = claudeMessagesFormat.decodeRequest(loadJson('request-claude-code.json'));
    const budget = body({ ...ir, reasoning: { mode: 'budget', budgetTokens: 16000 } });
    expect(budget.thinking).toEqual({ type: 'enabled', budget_tokens: 16000 });
    expect(budget.output_config).toBeUndefined();
    const stripped = body({ ...ir, reasoning: undefined });
    expect(stripped.thinking).toBeUndefined();
    expect(stripped.output_config).toBeUndefined();
  });
});
