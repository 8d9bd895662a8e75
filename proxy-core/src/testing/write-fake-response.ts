import type { ServerResponse } from 'node:http';
import type { FakeResponse } from './fake-upstream-types.js';
import { formatSseEvent } from './sse-text.js';

export interface WriteTarget {
  response: ServerResponse;
  /** Called just before the fake itself cuts the connection, so that is not recorded as a client abort. */
  markClosedByServer(): void;
}

function isClosed(response: ServerResponse): boolean {
  return response.destroyed || response.writableEnded;
}

/** Waits `ms`, or less if the connection closes first. */
function pause(ms: number, response: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      response.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    response.once('close', done);
  });
}

/** Resolves once `text` has been handed to the socket (or the connection is gone). */
function writeNow(response: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('close', done);
      resolve();
    };
    response.once('close', done);
    response.write(text, done);
  });
}

function withDefaultType(headers: Record<string, string> | undefined, contentType: string): Record<string, string> {
  const merged: Record<string, string> = { 'content-type': contentType };
  for (const [name, value] of Object.entries(headers ?? {})) merged[name.toLowerCase()] = value;
  return merged;
}

function destroySocket(target: WriteTarget): void {
  target.markClosedByServer();
  const socket = target.response.socket;
  if (socket) socket.destroy();
  else target.response.destroy();
}

/** Writes one scripted or default answer; SSE events go out one by one, each as soon as it is due. */
export async function writeFakeResponse(answer: FakeResponse, target: WriteTarget): Promise<void> {
  const { response } = target;
  switch (answer.kind) {
    case 'hang':
      return;
    case 'destroy':
      destroySocket(target);
      return;
    case 'raw':
      response.writeHead(answer.status, withDefaultType(answer.headers, 'text/plain; charset=utf-8'));
      if (answer.hang) response.write(answer.body);
      else response.end(answer.body);
      return;
    case 'json':
      await pause(answer.delayMs ?? 0, response);
      if (isClosed(response)) return;
      response.writeHead(answer.status ?? 200, withDefaultType(answer.headers, 'application/json'));
      response.end(JSON.stringify(answer.body));
      return;
    case 'sse': {
      response.writeHead(answer.status ?? 200, {
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
        ...withDefaultType(answer.headers, 'text/event-stream; charset=utf-8'),
      });
      response.flushHeaders();
      // Whichever of endAfter / destroyAfter comes first wins; destroyAfter alone never ends the stream cleanly.
      const { endAfter = Infinity, destroyAfter = Infinity, hangAfter = Infinity } = answer;
      const count = Math.min(endAfter, destroyAfter, hangAfter, answer.events.length);
      for (const event of answer.events.slice(0, count)) {
        await pause(answer.delayMs ?? 0, response);
        if (isClosed(response)) return;
        await writeNow(response, formatSseEvent(event));
        if (isClosed(response)) return;
      }
      if (answer.hangAfter !== undefined && hangAfter <= Math.min(endAfter, destroyAfter)) return;
      if (answer.destroyAfter !== undefined && destroyAfter <= endAfter) return destroySocket(target);
      response.end();
      return;
    }
  }
}
