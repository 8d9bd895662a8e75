import { describe, expect, it } from 'vitest';
import type { Credential } from '../../credentials/credential.js';
import type { UpstreamCall } from '../provider-definition.js';
import { parseQwenFile, qwenFile, qwenFileName } from './account-file.js';
import { classifyQwenError, isQwenQuotaError } from './classify-error.js';
import { QWEN_ENDPOINTS } from './oauth-endpoints.js';
import { buildQwenRequest } from './request.js';

const credential = (api: string = QWEN_ENDPOINTS.api): Credential =>
  ({ id: 'qwen-a.json', authIndex: 'x', provider: 'qwen', group: 'qwen', kind: 'oauth', label: 'Qwen account a', priority: 0, headers: {}, models: [], excludedModels: [], disabled: false, secret: 'at', source: { type: 'file', path: '/x', fileName: 'qwen-a.json' }, account: { file: 'qwen-a.json', endpoints: { ...QWEN_ENDPOINTS, api } } }) as Credential;

const call = (resourceUrl: string | undefined, api?: string, stream = false): UpstreamCall => ({
  credential: credential(api),
  token: 'at-1',
  account: { tokens: { accessToken: 'at-1' }, label: 'a', identity: 'a', attributes: resourceUrl ? { resourceUrl } : {} },
  clientFormat: 'openai-chat',
  variant: 0,
  operation: 'generate',
  model: 'coder-model',
  stream,
  body: Buffer.from(JSON.stringify({ model: 'coder-model', messages: [{ role: 'system', content: [{ type: 'text', text: 'A' }] }, { role: 'user', content: 'hi' }, { role: 'system', content: 'B' }] })),
  clientHeaders: {},
  clientQuery: new URLSearchParams(),
});

describe('Qwen requests', () => {
  it('go to https://<resource_url>/v1 (portal.qwen.ai without one; a configured api endpoint wins)', () => {
    expect(buildQwenRequest(call('portal.qwen.ai')).url).toBe('https://portal.qwen.ai/v1/chat/completions');
    expect(buildQwenRequest(call('dashscope.aliyuncs.com/compatible-mode')).url).toBe('https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions');
    expect(buildQwenRequest(call(undefined)).url).toBe('https://portal.qwen.ai/v1/chat/completions');
    expect(buildQwenRequest(call('portal.qwen.ai', 'http://gateway.local/qwen/v1')).url).toBe('http://gateway.local/qwen/v1/chat/completions');
  });

  it('merge every system message into one leading message after the empty ephemeral part; streams ask for usage', () => {
    const request = buildQwenRequest(call('portal.qwen.ai', undefined, true));
    const body = JSON.parse(request.body!.toString());
    expect(body.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: '', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'A' }, { type: 'text', text: 'B' }] },
      { role: 'user', content: 'hi' },
    ]);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(request.headers).toMatchObject({ authorization: 'Bearer at-1', accept: 'text/event-stream', 'x-dashscope-authtype': 'qwen-oauth', 'x-stainless-package-version': '5.11.0' });
  });
});

describe('Qwen errors', () => {
  const input = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ credential: credential(), model: 'coder-model', status, headers, body: JSON.stringify(body), now: 0, variant: 0 });

  it('403 insufficient_quota is a whole-account quota cooldown answered as 429, honouring Retry-After', () => {
    const result = classifyQwenError(input(403, { error: { code: 'insufficient_quota', message: 'Free allocated quota exceeded.' } }, { 'retry-after': '120' }));
    expect(result).toMatchObject({ status: 429, failure: { reason: 'quota', status: 429, retryAfterMs: 120_000, wholeCredential: true } });
    expect(result?.message).toBe('The Qwen account Qwen account a has used up its quota (Free allocated quota exceeded.). Requests go to another Qwen account until it resets.');
  });

  it('recognises quota by code, type or message, and leaves other 403s to the generic rules', () => {
    expect(isQwenQuotaError(JSON.stringify({ error: { type: 'quota_exceeded' } }))).toBe(true);
    expect(isQwenQuotaError(JSON.stringify({ error: { message: 'free allocated quota exceeded' } }))).toBe(true);
    expect(classifyQwenError(input(403, { error: { code: 'access_denied', message: 'no' } }))).toBeUndefined();
    expect(classifyQwenError(input(500, { error: { code: 'insufficient_quota' } }))).toBeUndefined();
  });
});

describe('Qwen auth files', () => {
  it('round-trip CLIProxyAPI’s qwen-<email>.json fields and keep unknown ones', () => {
    const data = { type: 'qwen', access_token: 'at', refresh_token: 'rt', last_refresh: '2026-01-01T00:00:00.000Z', resource_url: 'portal.qwen.ai', email: 'me@example.com', expired: '2026-01-01T06:00:00.000Z', extra: 1 };
    const record = parseQwenFile(data);
    expect(record).toMatchObject({ label: 'me@example.com', identity: 'me@example.com', attributes: { resourceUrl: 'portal.qwen.ai' } });
    expect(qwenFile(record, data)).toEqual(data);
    expect(qwenFileName(record)).toBe('qwen-me@example.com.json');
    expect(() => parseQwenFile({ type: 'qwen' })).toThrow('it has no access_token (log in again with cliproxyctl login --provider qwen)');
  });
});
