import net from 'node:net';

/** A raw HTTP/1.1 request (any Host, Origin or upgrade headers, any bytes); resolves with status, headers and body. */
export function rawRequest(baseUrl: string, head: string, body: Buffer | string = ''): Promise<{ status: number; head: string; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const headText = split === -1 ? text : text.slice(0, split);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1] ?? 0), head: headText, body: split === -1 ? '' : text.slice(split + 4) });
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // A 101 keeps the socket open: the head is all we need.
      if (/^HTTP\/1\.1 101/.test(Buffer.concat(chunks).toString('latin1')) && Buffer.concat(chunks).includes('\r\n\r\n')) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error) => (settled ? undefined : reject(error)));
    socket.write(head.replace(/\n/g, '\r\n') + '\r\n');
    if (body.length > 0) socket.write(body);
  });
}

/** The head of a WebSocket upgrade of `path` with extra header lines. */
export function upgradeHead(path: string, host: string, extra: string[] = []): string {
  return [`GET ${path} HTTP/1.1`, `Host: ${host}`, 'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', ...extra, ''].join('\n');
}

export const KEYLESS_CONFIG = (fakeUrl: string) => `host: 127.0.0.1
port: 0
auth-dir: "$AUTH_DIR"
api-keys: []
openai-compatibility:
  - name: fakeai
    base-url: "${fakeUrl}/v1"
    api-key-entries: [{ api-key: "sk-upstream-keyless-secret" }]
    models: [{ name: "upstream-chat", alias: "m" }]
`;
