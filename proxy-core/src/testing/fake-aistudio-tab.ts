import { WebSocket } from 'ws';

/** One `http_request` frame the fake tab received (CLIProxyAPI internal/wsrelay framing). */
export interface FakeTabRequest {
  method: string;
  url: string;
  headers: Record<string, string[]>;
  body: unknown;
}

export interface FakeAistudioTab {
  requests: FakeTabRequest[];
  /** Requests received but not answered (when `hold` is set). */
  held(): number;
  /** Answer nothing from now on (to test a tab that goes away mid-request). */
  hold(): void;
  close(): Promise<void>;
}

/**
 * A browser tab running an AI Studio Build app, as the proxy sees it: a WebSocket client on `/v1/ws` that
 * answers `http_request` frames with Gemini JSON (`http_response`) or SSE (`stream_start` / `stream_chunk` / `stream_end`).
 */
export async function connectFakeAistudioTab(url: string, options: { text: string; headers?: Record<string, string> }): Promise<FakeAistudioTab> {
  const socket = new WebSocket(url, { headers: options.headers });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`relay refused the tab with HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  const requests: FakeTabRequest[] = [];
  let holding = false;
  let heldCount = 0;
  const send = (frame: unknown) => socket.send(JSON.stringify(frame));
  const candidate = (text: string, finish?: string) => ({ content: { role: 'model', parts: [{ text }] }, ...(finish ? { finishReason: finish } : {}), index: 0 });
  const usage = { promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 };
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { id: string; type: string; payload: { method: string; url: string; headers: Record<string, string[]>; body: string } };
    if (frame.type !== 'http_request') return;
    const { method, url: target, headers, body } = frame.payload;
    requests.push({ method, url: target, headers, body: JSON.parse(body) });
    if (holding) {
      heldCount++;
      return;
    }
    const model = /models\/([^:]+):/.exec(target)?.[1] ?? 'unknown';
    if (target.includes(':streamGenerateContent')) {
      send({ id: frame.id, type: 'stream_start', payload: { status: 200, headers: { 'Content-Type': ['text/event-stream'] } } });
      const half = Math.ceil(options.text.length / 2);
      send({ id: frame.id, type: 'stream_chunk', payload: { data: `data: ${JSON.stringify({ candidates: [candidate(options.text.slice(0, half))], modelVersion: model })}\n\n` } });
      send({ id: frame.id, type: 'stream_chunk', payload: { data: `data: ${JSON.stringify({ candidates: [candidate(options.text.slice(half), 'STOP')], usageMetadata: usage, modelVersion: model })}\n\n` } });
      send({ id: frame.id, type: 'stream_end' });
      return;
    }
    const answer = { candidates: [candidate(options.text, 'STOP')], usageMetadata: usage, modelVersion: model };
    send({ id: frame.id, type: 'http_response', payload: { status: 200, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(answer) } });
  });
  return {
    requests,
    held: () => heldCount,
    hold: () => {
      holding = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}
