import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chatCompletionAsSse } from '../../pipeline/chat-completion-sse.js';
import { iflowFile, parseIflowFile } from './account-file.js';
import { classifyIflowError, iflowAnswerError } from './errors.js';
import { iflowSignature, normalizeIflowBody } from './request.js';

describe('iFlow requests', () => {
  it('sign "iFlow-Cli:<session>:<timestamp>" with the API key (HMAC-SHA256, hex)', () => {
    expect(iflowSignature('sk-1', 'session-a', 1700000000000)).toBe(createHmac('sha256', 'sk-1').update('iFlow-Cli:session-a:1700000000000').digest('hex'));
  });

  it('give streams a no-op tool in place of an empty tools array and ask for usage; one-piece calls carry no stream_options', () => {
    expect(normalizeIflowBody({ model: 'glm-4.7', tools: [] }, true)).toMatchObject({ stream: true, tools: [{ type: 'function', function: { name: 'noop' } }], stream_options: { include_usage: true } });
    expect(normalizeIflowBody({ model: 'glm-4.7', tools: [], stream_options: { include_usage: true } }, false)).toEqual({ model: 'glm-4.7', tools: [], stream: false });
  });
});

describe('iFlow errors', () => {
  it('map {status, msg} inside HTTP 200: 401/403/439 → 401, 429 → 429, others → 502; real answers pass', () => {
    expect(iflowAnswerError('{"status":"439","msg":"token expired"}')).toEqual({ status: 401, body: '{"error":{"message":"iFlow error 439: token expired","code":"439"}}' });
    expect(iflowAnswerError('{"status":"429","message":"slow down"}')?.status).toBe(429);
    expect(iflowAnswerError('{"status":"500","body":"boom"}')?.status).toBe(502);
    expect(iflowAnswerError('{"status":"200","choices":[]}')).toBeUndefined();
    expect(iflowAnswerError('{"id":"x","object":"chat.completion","choices":[]}')).toBeUndefined();
  });

  it('a 406 retries the same account once, then is the request’s own error (no cooldown)', () => {
    const input = { credential: {} as never, model: 'glm-4.7', status: 406, headers: {}, body: '', now: 0 };
    expect(classifyIflowError({ ...input, variant: 0 })).toEqual({ retrySameCredential: {} });
    expect(classifyIflowError({ ...input, variant: 1 })).toMatchObject({ failure: null });
    expect(classifyIflowError({ ...input, status: 400, variant: 0 })).toBeUndefined();
  });
});

describe('a whole chat answer replayed as a stream', () => {
  it('keeps reasoning, text, tool calls (with index), finish reason and usage, and ends with [DONE]', () => {
    const sse = chatCompletionAsSse(Buffer.from(JSON.stringify({ id: 'c1', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'hi', reasoning_content: 'r', tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }] }, finish_reason: 'tool_calls' }], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }))).toString();
    const events = sse.trim().split('\n\n').map((line) => line.slice(6));
    expect(events.at(-1)).toBe('[DONE]');
    const parsed = events.slice(0, -1).map((event) => JSON.parse(event));
    expect(parsed[0].choices[0].delta).toEqual({ role: 'assistant', reasoning_content: 'r', content: 'hi', tool_calls: [{ index: 0, id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }] });
    expect(parsed[1].choices[0].finish_reason).toBe('tool_calls');
    expect(parsed[2].usage).toEqual({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
  });
});

describe('iFlow auth files', () => {
  it('round-trip CLIProxyAPI’s iflow-<email>-<unix>.json and keep the cookie field', () => {
    const data = { type: 'iflow', access_token: 'at', refresh_token: 'rt', last_refresh: '2026-01-01T00:00:00.000Z', expired: '2026-01-02T00:00:00.000Z', api_key: 'sk-x', email: 'me@example.com', token_type: 'bearer', scope: 'read', cookie: 'BXAuth=1' };
    expect(iflowFile(parseIflowFile(data), data)).toEqual(data);
    expect(() => parseIflowFile({ type: 'iflow', access_token: 'at' })).toThrow('it has no api_key (log in again with cliproxyctl login --provider iflow)');
  });
});

describe('iFlow cookie mode', () => {
  it('reads expireTime as China time and insists on the BXAuth cookie', async () => {
    const { parseExpireTime, checkCookie } = await import('./cookie.js');
    expect(parseExpireTime('2026-12-15 08:30')).toBe(Date.UTC(2026, 11, 15, 0, 30));
    expect(parseExpireTime('soon')).toBeUndefined();
    expect(checkCookie(' a=1; BXAuth=xyz ')).toBe('a=1; BXAuth=xyz');
    expect(() => checkCookie('session=1')).toThrow('The iFlow cookie has no BXAuth= part.');
  });
});
