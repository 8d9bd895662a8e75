import http from 'node:http';

/**
 * The floor: the least a Node HTTP proxy can do (read the body, forward it with a keep-alive agent, send
 * the answer back), with no auth, routing, logging or usage. Measured beside our proxy so the table shows
 * how much of the added latency is the extra HTTP hop itself on this machine.
 */
const upstream = new URL(process.env.BENCH_UPSTREAM_URL ?? 'http://127.0.0.1:1');
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const outgoing = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (incoming) => {
        res.writeHead(incoming.statusCode ?? 502, { 'content-type': incoming.headers['content-type'] ?? 'application/json' });
        incoming.on('data', (chunk: Buffer) => res.write(chunk));
        incoming.on('end', () => res.end());
      },
    );
    outgoing.end(body);
  });
});
server.on('connection', (socket) => socket.setNoDelay(true));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
