import { describe, expect, it } from 'vitest';
import { createFakeFetch, type FakeCall } from '../../test/fake-fetch.js';
import { createManagementClient, type LogEntryView } from '../api/index.js';
import { createLogsStore, matchesText } from './logs-store.js';

const entry = (seq: number, message: string, level: LogEntryView['level'] = 'info'): LogEntryView => ({ seq, time: seq * 1000, level, message });

/** A log stream the test writes to: each `send` is one SSE event. */
function controllableStream() {
  const encoder = new TextEncoder();
  const streams: Array<{ call: FakeCall; controller: ReadableStreamDefaultController<Uint8Array> }> = [];
  const fake = createFakeFetch(
    (call) =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            streams.push({ call, controller });
            call.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
          },
        }),
        { status: 200, headers: { 'content-type': 'text/event-stream' } },
      ),
  );
  const send = (value: LogEntryView) => streams.at(-1)!.controller.enqueue(encoder.encode(`id: ${value.seq}\ndata: ${JSON.stringify(value)}\n\n`));
  return { fake, streams, send };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function setup() {
  const stream = controllableStream();
  const client = createManagementClient({ fetch: stream.fake.fetch, connection: () => ({ baseUrl: 'http://proxy', key: 'k' }) });
  const timers: Array<() => void> = [];
  const store = createLogsStore({ client, setTimeout: (callback) => timers.push(callback), clearTimeout: () => undefined });
  return { store, stream, timers };
}

describe('logs store', () => {
  it('tails the stream live, skips entries it already has, and holds new ones while paused', async () => {
    const { store, stream } = setup();
    store.getState().start();
    await tick();
    expect(store.getState().status).toBe('live');
    stream.send(entry(1, 'one'));
    stream.send(entry(2, 'two'));
    stream.send(entry(2, 'two again'));
    await tick();
    expect(store.getState().entries.map((item) => item.message)).toEqual(['one', 'two']);

    store.getState().pause();
    stream.send(entry(3, 'three'));
    await tick();
    expect(store.getState().entries).toHaveLength(2);
    expect(store.getState().held).toHaveLength(1);
    store.getState().resume();
    expect(store.getState().entries.map((item) => item.message)).toEqual(['one', 'two', 'three']);
    store.getState().stop();
  });

  it('a level or request-id filter restarts the stream with those filters on the server', async () => {
    const { store, stream } = setup();
    store.getState().start();
    await tick();
    stream.send(entry(1, 'one'));
    await tick();
    store.getState().setFilters({ level: 'warn', requestId: ' req-1 ' });
    await tick();
    expect(stream.streams).toHaveLength(2);
    expect(stream.streams[0].call.signal?.aborted).toBe(true);
    expect(stream.streams[1].call.url.searchParams.get('level')).toBe('warn');
    expect(stream.streams[1].call.url.searchParams.get('requestId')).toBe('req-1');
    expect(store.getState().entries).toEqual([]);
    store.getState().setFilters({ text: 'anything' });
    expect(stream.streams).toHaveLength(2);
    store.getState().stop();
  });

  it('reconnects after the stream drops, resuming after the last entry it saw', async () => {
    const { store, stream, timers } = setup();
    store.getState().start();
    await tick();
    stream.send(entry(7, 'seven'));
    await tick();
    stream.streams[0].controller.close();
    await tick();
    expect(store.getState().status).toBe('reconnecting');
    expect(store.getState().error).toMatch(/Reconnecting in 1 s/);
    timers.shift()!();
    await tick();
    expect(stream.streams[1].call.url.searchParams.get('after')).toBe('7');
    expect(store.getState().status).toBe('live');
    store.getState().stop();
  });

  it('text search matches the message, the request id and the fields', () => {
    const withFields: LogEntryView = { ...entry(1, 'POST /v1/chat/completions 200'), requestId: 'abc123', fields: { model: 'claude-sonnet-4-5' } };
    expect(matchesText(withFields, 'SONNET')).toBe(true);
    expect(matchesText(withFields, 'abc1')).toBe(true);
    expect(matchesText(withFields, 'completions 200')).toBe(true);
    expect(matchesText(withFields, 'gemini')).toBe(false);
  });
});
