import http from 'node:http';

/**
 * A deliberately lean OpenAI-compatible upstream for benchmarks, so the fake costs as little as possible
 * and the difference between "direct" and "through the proxy" is the proxy: a fixed JSON answer, or a
 * stream of `chunks` SSE chunks written back to back, then `[DONE]`.
 */
const port = Number(process.env.BENCH_UPSTREAM_PORT ?? 0);
const chunkCount = Number(process.env.BENCH_CHUNKS ?? 20);

const completion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the benchmark upstream.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
});
const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'bench-model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const streamChunks = [
  chunk({ role: 'assistant', content: '' }),
  ...Array.from({ length: chunkCount - 2 }, (_, index) => chunk({ content: `token${index} ` })),
  chunk({}, 'stop'),
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'bench-model', choices: [], usage: { prompt_tokens: 12, completion_tokens: chunkCount, total_tokens: 12 + chunkCount } })}\n\n`,
  'data: [DONE]\n\n',
];

// Claude Messages and Gemini answers for the translation benchmark (same text, same chunk count).
const claudeEvent = (type: string, payload: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
const claudeMessage = { id: 'msg_bench', type: 'message', role: 'assistant', model: 'claude-bench', content: [{ type: 'text', text: 'Hello from the benchmark upstream.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 12, output_tokens: 8 } };
const claudeChunks = [
  claudeEvent('message_start', { message: { ...claudeMessage, content: [], stop_reason: null, usage: { input_tokens: 12, output_tokens: 1 } } }),
  claudeEvent('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  ...Array.from({ length: chunkCount - 4 }, (_, index) => claudeEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text: `token${index} ` } })),
  claudeEvent('content_block_stop', { index: 0 }),
  claudeEvent('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: chunkCount } }),
  claudeEvent('message_stop', {}),
];
const geminiChunk = (text: string, last: boolean) =>
  `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }], ...(last ? { usageMetadata: { promptTokenCount: 12, candidatesTokenCount: chunkCount, totalTokenCount: 12 + chunkCount } } : {}), modelVersion: 'gemini-bench' })}\n\n`;
const geminiChunks = Array.from({ length: chunkCount }, (_, index) => geminiChunk(`token${index} `, index === chunkCount - 1));
const geminiResponse = JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'Hello from the benchmark upstream.' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 8, totalTokenCount: 20 }, modelVersion: 'gemini-bench' });

function answer(res: http.ServerResponse, stream: boolean, json: string, chunks: string[]) {
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const piece of chunks) res.write(piece);
  res.end();
}

const server = http.createServer((req, res) => {
  let size = 0;
  let stream = false;
  req.on('data', (data: Buffer) => {
    size += data.length;
    if (!stream && data.includes('"stream":true')) stream = true;
  });
  req.on('end', () => {
    const path = req.url ?? '';
    if (path.includes(':streamGenerateContent') || path.includes(':generateContent')) return answer(res, path.includes(':stream'), geminiResponse, geminiChunks);
    if (path.includes('/messages')) return answer(res, stream, JSON.stringify(claudeMessage), claudeChunks);
    if (!stream) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completion) });
      res.end(completion);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const piece of streamChunks) res.write(piece);
    res.end();
    void size;
  });
});
server.on('connection', (socket) => socket.setNoDelay(true));
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : port });
});
