import { describe, expect, it } from 'vitest';
import type { Credential } from '../../credentials/credential.js';
import type { UpstreamCall } from '../provider-definition.js';
import { buildCopilotRequest } from './chat-request.js';
import { COPILOT_ENDPOINTS, copilotApiBase } from './endpoints.js';

const credential = { id: 'github-copilot-octo.json', provider: 'github-copilot', kind: 'oauth', headers: {}, account: { file: 'github-copilot-octo.json', endpoints: COPILOT_ENDPOINTS } } as unknown as Credential;

function call(body: unknown, stream = false): UpstreamCall {
  return { credential, token: 'tid=1', clientFormat: 'openai-chat', variant: 0, operation: 'generate', model: 'claude-sonnet-4-5', stream, body: Buffer.from(JSON.stringify(body)), clientHeaders: {}, clientQuery: new URLSearchParams() };
}

describe('Copilot chat request', () => {
  it('an image turns on Copilot-Vision-Request; the model goes out in Copilot spelling', () => {
    const request = buildCopilotRequest(call({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }] }, true));
    expect(request.url).toBe('https://api.githubcopilot.com/chat/completions');
    expect(request.headers).toMatchObject({ authorization: 'Bearer tid=1', 'copilot-vision-request': 'true', 'x-initiator': 'user', accept: 'text/event-stream' });
    expect(JSON.parse(request.body!.toString())).toMatchObject({ model: 'claude-sonnet-4.5', stream: true, stream_options: { include_usage: true } });
  });

  it('the API host: base-url, then a configured api, then the token exchange’s endpoints.api, then the public host', () => {
    expect(copilotApiBase({ baseUrl: 'https://gw.example', account: { endpoints: COPILOT_ENDPOINTS } }, 'https://api.business.githubcopilot.com')).toBe('https://gw.example');
    expect(copilotApiBase({ account: { endpoints: { ...COPILOT_ENDPOINTS, api: 'https://mirror.example' } } }, 'https://api.business.githubcopilot.com')).toBe('https://mirror.example');
    expect(copilotApiBase({ account: { endpoints: COPILOT_ENDPOINTS } }, 'https://api.business.githubcopilot.com')).toBe('https://api.business.githubcopilot.com');
    expect(copilotApiBase({ account: { endpoints: COPILOT_ENDPOINTS } }, undefined)).toBe('https://api.githubcopilot.com');
  });
});
