/** IR requests as other formats' decoders produce them, for the encoder tests. */
import type { IrRequest, Message } from '../../../ir/index.js';

/** An IR request from an OpenAI Chat client. */
export function chatRequest(overrides: Partial<IrRequest> = {}): IrRequest {
  return { model: 'gpt-4o', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: false, source: 'openai-chat', ...overrides };
}

/** A tool loop in progress: the call was answered and the model is to continue. */
export const toolLoop: Message[] = [
  { role: 'user', content: [{ type: 'text', text: 'Read the readme.' }] },
  { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'read', arguments: '{"path":"README.md"}' }] },
  { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: '# Hello' }] }] },
];
