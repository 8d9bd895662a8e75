import { describe, expect, it } from 'vitest';
import type { Credential } from '../../credentials/credential.js';
import type { UpstreamCall } from '../provider-definition.js';
import { COPILOT_ENDPOINTS } from './endpoints.js';
import { githubCopilotProvider } from './index.js';
import { buildCopilotResponsesRequest, usesCopilotResponses } from './responses-request.js';

const credential = { id: 'github-copilot-octo.json', provider: 'github-copilot', kind: 'oauth', headers: {}, account: { file: 'github-copilot-octo.json', endpoints: COPILOT_ENDPOINTS } } as unknown as Credential;

describe('Copilot /responses', () => {
  it('is used for Codex models from any dialect and for OpenAI models asked through the Responses API', () => {
    expect(usesCopilotResponses('gpt-5.1-codex', 'claude-messages')).toBe(true);
    expect(usesCopilotResponses('gpt-5.1-codex-mini', 'openai-chat')).toBe(true);
    expect(usesCopilotResponses('gpt-4.1', 'openai-responses')).toBe(true);
    expect(usesCopilotResponses('gpt-4.1', 'openai-chat')).toBe(false);
    expect(usesCopilotResponses('claude-sonnet-4-5', 'openai-responses')).toBe(false);
    expect(githubCopilotProvider.forCall?.({ model: 'gpt-5.1-codex', clientFormat: 'gemini' })).toMatchObject({ id: 'github-copilot', format: 'openai-responses' });
    expect(githubCopilotProvider.forCall?.({ model: 'gpt-4.1', clientFormat: 'gemini' })).toBe(githubCopilotProvider);
  });

  it('a follow-up with a tool output is the agent’s turn; an input image asks for vision', () => {
    const body = {
      model: 'gpt-5.1-codex',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'look' }, { type: 'input_image', image_url: 'data:image/png;base64,AAAA' }] },
        { type: 'function_call', call_id: 'c1', name: 'ls', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: 'README.md' },
      ],
    };
    const call: UpstreamCall = { credential, token: 'tid=1', clientFormat: 'openai-chat', variant: 0, operation: 'generate', model: 'gpt-5.1-codex', stream: false, body: Buffer.from(JSON.stringify(body)), clientHeaders: {}, clientQuery: new URLSearchParams() };
    const request = buildCopilotResponsesRequest(call);
    expect(request.url).toBe('https://api.githubcopilot.com/responses');
    expect(request.headers).toMatchObject({ 'x-initiator': 'agent', 'copilot-vision-request': 'true', accept: 'application/json', 'editor-plugin-version': 'copilot-chat/0.35.0' });
  });
});
