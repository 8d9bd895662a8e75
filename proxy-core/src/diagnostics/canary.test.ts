import { describe, expect, it } from 'vitest';
import { runCanary } from './canary.js';
import type { ClientApi, ClientResponse, DiagnosticsContext } from './context.js';

const MODELS = JSON.stringify({ object: 'list', data: [{ id: 'chat-model', object: 'model' }] });
const ANSWER = JSON.stringify({ id: 'c1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] });
const FIRST_CHUNK = `data: ${JSON.stringify({ id: 'c2', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: 'o' }, finish_reason: null }] })}\n\n`;

/** `cliproxyctl doctor`'s view (no proxy inside): a client API whose answers the test writes. */
function contextAnswering(stream: ClientResponse): DiagnosticsContext {
  const client: ClientApi = {
    baseUrl: 'http://127.0.0.1:8317',
    keyLabel: () => null,
    async request(path, init = {}) {
      if (path === '/v1/models') return { status: 200, headers: {}, text: MODELS, elapsedMs: 1 };
      const body = init.body as { stream?: boolean };
      return body.stream ? stream : { status: 200, headers: {}, text: ANSWER, elapsedMs: 2 };
    },
  };
  return { client, config: () => ({ path: 'config.yaml', source: 'flag', exists: true, writable: true }) } as unknown as DiagnosticsContext;
}

describe('the stream canary', () => {
  it('calls a stream that started and then stalled until the 12 s timeout a hang', async () => {
    const outcome = await runCanary(contextAnswering({ status: 200, headers: {}, text: FIRST_CHUNK, error: 'no end of the answer within 12 s', timedOut: true, elapsedMs: 12_000 }));
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('Canary on chat-model: the non-stream request succeeded; the stream did not finish within 12 s (a hang).');
    expect(outcome.evidence?.stream).toMatchObject({ status: 200, events: 1, endsWithDone: false, timedOut: true });
  });

  it('calls a stream that got no answer at all within the timeout a failed request', async () => {
    const outcome = await runCanary(contextAnswering({ status: 0, headers: {}, text: '', error: 'no answer within 12 s', timedOut: true, elapsedMs: 12_000 }));
    expect(outcome.summary).toBe('Canary on chat-model: the non-stream request succeeded; the stream request failed (no answer within 12 s).');
  });
});
