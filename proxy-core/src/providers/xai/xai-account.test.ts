import { describe, expect, it } from 'vitest';
import type { Credential } from '../../credentials/credential.js';
import { parseXaiFile, xaiFile, xaiFileName } from './account-file.js';
import { xaiProvider } from './index.js';

const idToken = (claims: Record<string, unknown>) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

const call = (credential: Partial<Credential>, operation: 'generate' | 'compact' = 'generate') =>
  xaiProvider.buildRequest!({
    credential: { headers: {}, ...credential } as Credential,
    token: 'tok',
    clientFormat: 'openai-responses',
    variant: 0,
    operation,
    model: 'grok-4.5(high)',
    stream: false,
    body: Buffer.from('{"model":"grok-4.5"}'),
    clientHeaders: {},
    clientQuery: new URLSearchParams(),
  });

describe('xAI account files and routing', () => {
  it('reads the reference file, names it by e-mail, and writes the same shape back', () => {
    const data = { type: 'xai', access_token: 'a', refresh_token: 'r', id_token: idToken({ email: 'me@x.com', sub: 'u1' }), token_type: 'Bearer', expired: '2026-12-08T04:00:00Z', email: 'me@x.com', sub: 'u1', base_url: 'https://api.x.ai/v1', token_endpoint: 'https://auth.x.ai/oauth2/token', auth_kind: 'oauth' };
    const record = parseXaiFile(data);
    expect(record).toMatchObject({ label: 'me@x.com', identity: 'xai-me@x.com', tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.parse('2026-12-08T04:00:00Z') } });
    expect(xaiFileName(record)).toBe('xai-me@x.com.json');
    expect(xaiFile(record, data)).toMatchObject({ ...data, expired: '2026-12-08T04:00:00.000Z' });
    expect(() => parseXaiFile({ type: 'xai' })).toThrow('log in again with cliproxyctl login --provider xai');
  });

  it('names a file by the id token’s sub when there is no e-mail', () => {
    expect(xaiFileName(parseXaiFile({ access_token: 'a', id_token: idToken({ sub: 'user/42' }) }))).toBe('xai-user_42.json');
  });

  it('accounts go to the Grok CLI proxy with its headers, compaction to api.x.ai; a relay base_url is kept; keys keep their base-url', () => {
    const account = { endpoints: { api: 'https://cli-chat-proxy.grok.com/v1', officialApi: 'https://api.x.ai/v1' } } as unknown as Credential['account'];
    const official = call({ account, baseUrl: 'https://api.x.ai/v1' });
    expect(official.url).toBe('https://cli-chat-proxy.grok.com/v1/responses');
    expect(official.headers).toMatchObject({ authorization: 'Bearer tok', 'x-xai-token-auth': 'xai-grok-cli', 'x-grok-client-version': '0.2.120', 'user-agent': 'xai-grok-workspace/0.2.120', 'x-grok-client-identifier': 'grok-shell', 'x-authenticateresponse': 'authenticate-response' });
    const compact = call({ account, baseUrl: 'https://api.x.ai/v1' }, 'compact');
    expect(compact.url).toBe('https://api.x.ai/v1/responses/compact');
    expect(compact.headers).toMatchObject({ authorization: 'Bearer tok' });
    expect(compact.headers['x-xai-token-auth']).toBeUndefined();
    const relay = call({ account, baseUrl: 'https://relay.example/v1' });
    expect(relay.url).toBe('https://relay.example/v1/responses');
    const key = call({ baseUrl: 'https://api.x.ai/v1' });
    expect(key.url).toBe('https://api.x.ai/v1/responses');
    expect(key.headers['x-xai-token-auth']).toBeUndefined();
  });
});
