import { describe, expect, it } from 'vitest';
import type { Credential } from '../../credentials/credential.js';
import type { UpstreamCall } from '../provider-definition.js';
import { buildAntigravityRequest, stableSessionId } from './upstream-request.js';

const credential = (baseUrl?: string): Credential => ({
  id: 'a',
  authIndex: 'a',
  provider: 'antigravity',
  group: 'antigravity',
  kind: 'oauth',
  label: 'a@example.com',
  priority: 0,
  baseUrl,
  headers: {},
  models: [],
  excludedModels: [],
  disabled: false,
  secret: 'ya29.x',
  source: { type: 'file', path: '/a', fileName: 'a' },
  account: { file: 'a', project: 'proj-1', endpoints: { api: 'https://daily.test', apiFallback: 'https://prod.test' } },
});

const call = (model: string, body: unknown, overrides: Partial<UpstreamCall> = {}): UpstreamCall => ({
  credential: credential(),
  token: 'ya29.token',
  clientFormat: 'openai-chat',
  variant: 0,
  operation: 'generate',
  model,
  stream: true,
  body: Buffer.from(JSON.stringify(body)),
  clientHeaders: {},
  clientQuery: new URLSearchParams(),
  ...overrides,
});

const sent = (request: { body?: Buffer }) => JSON.parse(request.body!.toString('utf8'));

describe('Antigravity request', () => {
  it('session id: the reference’s stable hash of the first user text (SHA-256, first 8 bytes, 63 bits)', () => {
    expect(stableSessionId({ contents: [{ role: 'model', parts: [{ text: 'ignored' }] }, { role: 'user', parts: [{ text: 'hello there' }] }] })).toBe('-1340256301928082189');
    expect(stableSessionId({ contents: [] })).toMatch(/^-\d+$/);
  });

  it('variants walk the hosts: daily, prod, daily again; a file base_url is the only host', () => {
    const body = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
    expect([0, 1, 2].map((variant) => buildAntigravityRequest(call('gemini-3-flash', body, { variant })).url)).toEqual([
      'https://daily.test/v1internal:streamGenerateContent?alt=sse',
      'https://prod.test/v1internal:streamGenerateContent?alt=sse',
      'https://daily.test/v1internal:streamGenerateContent?alt=sse',
    ]);
    expect(buildAntigravityRequest(call('gemini-3-flash', body, { variant: 1, stream: false, credential: credential('https://gw.test') })).url).toBe('https://gw.test/v1internal:generateContent');
  });

  it('Claude: toolConfig mode VALIDATED merged into the client’s, maxOutputTokens kept; safetySettings removed', () => {
    const body = sent(
      buildAntigravityRequest(
        call('claude-opus-4-6-thinking', {
          contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
          toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } },
          generationConfig: { maxOutputTokens: 500 },
          safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'OFF' }],
        }),
      ),
    );
    expect(body).toMatchObject({ model: 'claude-opus-4-6-thinking', userAgent: 'antigravity', requestType: 'agent', project: 'proj-1' });
    expect(body.request.toolConfig).toEqual({ functionCallingConfig: { mode: 'VALIDATED', allowedFunctionNames: ['f'] } });
    expect(body.request.generationConfig).toEqual({ maxOutputTokens: 500 });
    expect(body.request).not.toHaveProperty('safetySettings');
  });

  it('the image model: requestType image_gen, an image requestId, no session id', () => {
    const body = sent(buildAntigravityRequest(call('gemini-3.1-flash-image', { contents: [{ role: 'user', parts: [{ text: 'a cat' }] }], generationConfig: { maxOutputTokens: 10 } })));
    expect(body.requestType).toBe('image_gen');
    expect(body.requestId).toMatch(/^image_gen\/\d+\/[0-9a-f-]{36}\/12$/);
    expect(body.request).not.toHaveProperty('sessionId');
    expect(body.request.generationConfig).toEqual({});
  });

  it('keeps a session id the client sent, and the User-Agent a file asks for', () => {
    const request = buildAntigravityRequest(
      call('gemini-3-flash', { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], sessionId: 'client-session' }, { account: { tokens: { accessToken: 'x' }, label: 'a', identity: 'a', attributes: { userAgent: 'antigravity/hub/3.0.0 darwin/arm64' } } }),
    );
    expect(sent(request).request.sessionId).toBe('client-session');
    expect(request.headers['user-agent']).toBe('antigravity/hub/3.0.0 darwin/arm64');
  });
});
