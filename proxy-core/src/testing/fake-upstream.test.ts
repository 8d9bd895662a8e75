import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSseText, startFakeUpstream, vendorError, type FakeSseResponse, type FakeUpstream } from './index.js';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream({ text: 'one two three four five six' });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const chatBody = { model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] };

function post(path: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal });
}

/** Reads a body until it ends or fails; returns the text that arrived and the failure, if any. */
async function readUntilEnd(response: Response): Promise<{ text: string; failure?: unknown }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text };
      text += decoder.decode(value, { stream: true });
    }
  } catch (failure) {
    return { text, failure };
  }
}

const numbered = (count: number): FakeSseResponse => ({ kind: 'sse', events: Array.from({ length: count }, (_, index) => ({ event: 'tick', data: String(index) })) });

describe('recording', () => {
  it('records method, path, query, lower-cased headers, raw and parsed body', async () => {
    await post('/v1/chat/completions?beta=true', chatBody, { 'X-Custom-Header': 'yes', Authorization: 'Bearer sk-one' });
    const [request] = fake.requests;
    expect(request).toMatchObject({ id: expect.any(Number), method: 'POST', path: '/v1/chat/completions', query: { beta: 'true' }, apiKey: 'sk-one', aborted: false, body: chatBody });
    expect(request.headers['x-custom-header']).toBe('yes');
    expect(request.rawBody.toString('utf8')).toBe(JSON.stringify(chatBody));
    expect(request.receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it('decodes a gzip-compressed JSON body but keeps the raw bytes', async () => {
    const compressed = gzipSync(JSON.stringify(chatBody));
    await fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: compressed });
    expect(fake.requests[0].body).toEqual(chatBody);
    expect(fake.requests[0].rawBody.equals(compressed)).toBe(true);
  });

  it('takes the key from x-api-key, x-goog-api-key or ?key=, and leaves body undefined when it is not JSON', async () => {
    await post('/v1/messages', {}, { 'x-api-key': 'ant-key' });
    await post('/v1beta/models/g:countTokens', {}, { 'x-goog-api-key': 'goog-key' });
    await fetch(`${fake.url}/v1beta/models/g:countTokens?key=query-key`, { method: 'POST', body: 'not json' });
    expect(fake.requests.map((request) => request.apiKey)).toEqual(['ant-key', 'goog-key', 'query-key']);
    expect(fake.requests[2].body).toBeUndefined();
    expect(fake.requests[2].rawBody.toString()).toBe('not json');
  });
});

describe('scripted rules', () => {
  it('matches by apiKey and path, newest first, and falls back to the default after `times` uses', async () => {
    fake.script({ path: '/chat/completions' }, vendorError('openai', 500, 'older rule'));
    fake.script({ path: '/chat/completions', apiKey: 'sk-limited' }, vendorError('openai', 429, 'slow down', { retryAfterSeconds: 2 }), { times: 2 });
    const statuses: number[] = [];
    for (let index = 0; index < 3; index++) statuses.push((await post('/v1/chat/completions', chatBody, { authorization: 'Bearer sk-limited' })).status);
    statuses.push((await post('/v1/chat/completions', chatBody, { authorization: 'Bearer sk-other' })).status);
    expect(statuses).toEqual([429, 429, 500, 500]);
    fake.reset();
    expect((await post('/v1/chat/completions', chatBody)).status).toBe(200);
    expect(fake.requests).toHaveLength(1);
  });

  it('matches by method, RegExp path, body model and Gemini path model; a function answer sees the request', async () => {
    fake.script({ model: 'gemini-special' }, { kind: 'raw', status: 418, body: 'teapot' });
    fake.script({ method: 'GET', path: /^\/health$/ }, (request) => ({ kind: 'json', body: { saw: request.query.probe } }));
    fake.script({ model: 'gpt-special' }, { kind: 'json', status: 202, body: {} });
    expect(await (await fetch(`${fake.url}/health?probe=1`)).json()).toEqual({ saw: '1' });
    expect((await fetch(`${fake.url}/health`, { method: 'POST' })).status).toBe(404);
    expect((await post('/v1/chat/completions', { ...chatBody, model: 'gpt-special' })).status).toBe(202);
    const teapot = await post('/v1beta/models/gemini-special:generateContent', { contents: [] });
    expect([teapot.status, await teapot.text(), teapot.headers.get('content-type')]).toEqual([418, 'teapot', 'text/plain; charset=utf-8']);
  });

  it('answers 500 with the reason when a function answer throws', async () => {
    fake.script({}, () => {
      throw new Error('boom');
    });
    const response = await post('/anything', {});
    expect([response.status, await response.text()]).toEqual([500, 'fake upstream: the scripted answer threw: boom']);
  });

  it('rejects a `times` that is not a positive whole number', () => {
    expect(() => fake.script({}, { kind: 'hang' }, { times: 0 })).toThrow(/positive whole number/);
  });
});

describe('stream endings and failures', () => {
  it('endAfter ends the stream cleanly after N events', async () => {
    fake.script({}, { ...numbered(5), endAfter: 2 });
    const response = await post('/v1/chat/completions', chatBody);
    const { text, failure } = await readUntilEnd(response);
    expect(failure).toBeUndefined();
    expect(parseSseText(text)).toEqual([{ event: 'tick', data: '0' }, { event: 'tick', data: '1' }]);
    expect(fake.requests[0].aborted).toBe(false);
  });

  it('destroyAfter cuts the connection after N events, and that is not recorded as a client abort', async () => {
    fake.script({}, { ...numbered(5), destroyAfter: 3 });
    const response = await post('/v1/chat/completions', chatBody);
    expect(response.status).toBe(200);
    const { text, failure } = await readUntilEnd(response);
    expect(failure).toBeInstanceOf(Error);
    expect(parseSseText(text).map((event) => event.data)).toEqual(['0', '1', '2']);
    expect(fake.requests[0].aborted).toBe(false);
  });

  it('destroy closes the socket without any response', async () => {
    fake.script({}, { kind: 'destroy' });
    await expect(post('/v1/chat/completions', chatBody)).rejects.toThrow();
  });

  it('writes each event as soon as it is due instead of buffering the stream', async () => {
    fake.script({}, { ...numbered(3), delayMs: 150 });
    const response = await post('/v1/chat/completions', chatBody);
    const reader = response.body!.getReader();
    const first = await reader.read();
    const firstAt = Date.now();
    expect(new TextDecoder().decode(first.value)).toBe('event: tick\ndata: 0\n\n');
    while (!(await reader.read()).done);
    // Two more events were each due 150 ms later; a buffered stream would deliver everything at once.
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(250);
  });

  it('hang keeps the request open until the client aborts, which is recorded as aborted', async () => {
    fake.script({}, { kind: 'hang' });
    const controller = new AbortController();
    const pending = post('/v1/chat/completions', chatBody, {}, controller.signal);
    await fake.waitFor((requests) => requests.length === 1);
    expect(fake.requests[0].aborted).toBe(false);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await fake.waitFor((requests) => requests[0].aborted);
  });

  it('records a client that drops a stream half way as aborted', async () => {
    fake.script({}, { ...numbered(50), delayMs: 20 });
    const controller = new AbortController();
    const response = await post('/v1/chat/completions', chatBody, {}, controller.signal);
    await response.body!.getReader().read();
    controller.abort();
    await fake.waitFor((requests) => requests[0]?.aborted === true);
  });

  it('waitFor reports what was recorded when it times out', async () => {
    await post('/nowhere', {});
    await expect(fake.waitFor(() => false, 50)).rejects.toThrow('waitFor timed out after 50 ms; recorded: #');
  });
});

describe('default routes and key enforcement', () => {
  it('answers an unknown path with an OpenAI-style 404', async () => {
    const response = await post('/v1/unknown', {});
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { message: 'Invalid URL (POST /v1/unknown)', type: 'invalid_request_error', param: null, code: null } });
  });

  it('rejects invalid bodies the way the vendors do', async () => {
    const claude = await post('/v1/messages', { model: 'c', messages: [] });
    expect([claude.status, await claude.json()]).toMatchObject([400, { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } }]);
    const gemini = await post('/v1beta/models/g:generateContent', { contents: [] });
    expect([gemini.status, (await gemini.json()).error.status]).toEqual([400, 'INVALID_ARGUMENT']);
    const chat = await post('/v1/chat/completions', { messages: [] });
    expect([chat.status, (await chat.json()).error.message]).toEqual([400, 'you must provide a model parameter']);
  });

  it('with apiKeys, answers a missing or wrong key with a 401 in the vendor shape chosen by path', async () => {
    const strict = await startFakeUpstream({ apiKeys: ['good'] });
    try {
      const call = (path: string, headers: Record<string, string> = {}) =>
        fetch(`${strict.url}${path}`, { method: 'POST', headers, body: '{}' }).then(async (response) => [response.status, await response.json()]);
      expect(await call('/v1/messages', { 'x-api-key': 'bad' })).toEqual([
        401,
        { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' }, request_id: expect.stringMatching(/^req_/) },
      ]);
      expect(await call('/v1beta/models/g:generateContent')).toEqual([401, { error: { code: 401, message: expect.any(String), status: 'UNAUTHENTICATED' } }]);
      expect(await call('/v1/chat/completions', { authorization: 'Bearer bad' })).toEqual([
        401,
        { error: { message: expect.stringContaining('Incorrect API key provided'), type: 'invalid_request_error', code: 'invalid_api_key', param: null } },
      ]);
      expect((await call('/v1/messages/count_tokens', { authorization: 'Bearer good' }))[0]).toBe(400);
      expect((await call('/v1beta/models/g:countTokens?key=good'))[0]).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('close() ends hanging requests and stops listening', async () => {
    const other = await startFakeUpstream();
    other.script({}, { kind: 'hang' });
    const pending = fetch(`${other.url}/v1/models`);
    await other.waitFor((requests) => requests.length === 1);
    await other.close();
    await expect(pending).rejects.toThrow();
    expect(other.requests[0].aborted).toBe(false);
    await expect(fetch(`${other.url}/v1/models`)).rejects.toThrow();
  });
});
