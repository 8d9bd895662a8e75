import { describe, expect, it } from 'vitest';
import { claudeMessagesFormat } from '../../formats/claude-messages/index.js';
import { buildKiroPayload, MAX_TOOL_DESCRIPTION_LENGTH } from './build-request.js';
import { kiroModelId } from './models.js';

const decode = (body: Record<string, unknown>) => claudeMessagesFormat.decodeRequest({ model: 'claude-sonnet-4-5', max_tokens: 100, ...body });

describe('Kiro model ids', () => {
  it('maps our Claude ids and the fork’s kiro-/amazonq- ids to CodeWhisperer’s', () => {
    expect(kiroModelId('claude-sonnet-4-5')).toBe('claude-sonnet-4.5');
    expect(kiroModelId('claude-sonnet-4-5-20250929')).toBe('claude-sonnet-4.5');
    expect(kiroModelId('kiro-claude-opus-4-5-agentic')).toBe('claude-opus-4.5');
    expect(kiroModelId('claude-haiku-4-5')).toBe('claude-haiku-4.5');
    expect(kiroModelId('claude-sonnet-4')).toBe('claude-sonnet-4');
    expect(kiroModelId('kiro-auto')).toBe('auto');
    expect(kiroModelId('amazonq-auto')).toBe('auto');
  });
});

describe('CodeWhisperer request body', () => {
  it('a conversation ending with the assistant gets a "Continue" user turn; system text goes into the first user turn', () => {
    const payload = buildKiroPayload(
      decode({
        system: 'You are terse.',
        messages: [
          { role: 'user', content: 'one' },
          { role: 'assistant', content: 'two' },
        ],
      }),
      { model: 'claude-sonnet-4-5', conversationId: 'c-1', profileArn: 'arn:aws:codewhisperer:us-east-1:1:profile/X' },
    );
    expect(payload).toEqual({
      conversationState: {
        chatTriggerType: 'MANUAL',
        conversationId: 'c-1',
        currentMessage: { userInputMessage: { content: 'Continue', modelId: 'claude-sonnet-4.5', origin: 'AI_EDITOR' } },
        history: [
          { userInputMessage: { content: 'You are terse.\n\none', modelId: 'claude-sonnet-4.5', origin: 'AI_EDITOR' } },
          { assistantResponseMessage: { content: 'two' } },
        ],
      },
      profileArn: 'arn:aws:codewhisperer:us-east-1:1:profile/X',
      inferenceConfig: { maxTokens: 100 },
    });
  });

  it('images travel as base64 bytes with their format; tool descriptions are cut to Kiro’s limit; empty ones get the name', () => {
    const payload = buildKiroPayload(
      decode({
        tools: [
          { name: 'long', description: 'x'.repeat(20_000), input_schema: { type: 'object' } },
          { name: 'bare', input_schema: { type: 'object', properties: {} } },
        ],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }] }],
      }),
      { model: 'claude-sonnet-4-5', conversationId: 'c-2' },
    ) as any;
    const message = payload.conversationState.currentMessage.userInputMessage;
    expect(message.images).toEqual([{ format: 'png', source: { bytes: 'iVBORw0KGgo=' } }]);
    const specs = message.userInputMessageContext.tools;
    expect(specs[0].toolSpecification.description.length).toBe(MAX_TOOL_DESCRIPTION_LENGTH);
    expect(specs[1].toolSpecification).toEqual({ name: 'bare', description: 'bare', inputSchema: { json: { type: 'object', properties: {} } } });
  });

  it('thinking asked for → the thinking-mode tags lead the first user turn; failed tool results are marked error', () => {
    const payload = buildKiroPayload(
      decode({
        max_tokens: 4000,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'run', input: { cmd: 'ls' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', is_error: true, content: 'denied' }] },
        ],
      }),
      { model: 'claude-sonnet-4-5', conversationId: 'c-3' },
    ) as any;
    expect(payload.conversationState.history[0].userInputMessage.content).toBe('<thinking_mode>enabled</thinking_mode>\n<max_thinking_length>16000</max_thinking_length>\n\ngo');
    expect(payload.conversationState.currentMessage.userInputMessage.userInputMessageContext.toolResults).toEqual([{ toolUseId: 't1', status: 'error', content: [{ text: 'denied' }] }]);
  });
});
