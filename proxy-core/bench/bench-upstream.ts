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

const server = http.createServer((req, res) => {
  let size = 0;
  let stream = false;
  req.on('data', (data: Buffer) => {
    size += data.length;
    if (!stream && data.includes('"stream":true')) stream = true;
  });
  req.on('end', () => {
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
