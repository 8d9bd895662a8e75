import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import type { Cancellation } from '../shared/cancellation.js';
import { ProxyError } from '../shared/errors.js';
import type { UpstreamHttpRequest } from '../providers/provider-definition.js';
import { armConnectTimeout, armIdleTimeout, connectTimeoutError, firstByteTimeoutError, idleTimeoutError, type UpstreamTimeouts } from './upstream-timeouts.js';

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

export interface SendOptions {
  signal: Cancellation;
  /** `http://`, `https://` or `socks5://` proxy for this credential; `direct`/`none` or empty = no proxy. */
  proxyUrl?: string;
  /** Longest wait for the upstream's response headers (default 600 s; `timeouts.firstByteMs` wins when given). */
  headersTimeoutMs?: number;
  /** The configured upstream timeouts (`timeouts.upstream-*`); their errors name those keys. */
  timeouts?: UpstreamTimeouts;
}

export interface HttpClient {
  send(request: UpstreamHttpRequest, options: SendOptions): Promise<UpstreamResponse>;
  close(): void;
}

/**
 * Upstream HTTP over node:http/https with keep-alive agents (measured faster than `fetch` on the hot path;
 * see docs/performance.md), optional HTTP(S)/SOCKS proxies per credential.
 */
export function createHttpClient(): HttpClient {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo' });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo' });
  const proxyAgents = new Map<string, http.Agent>();

  const agentFor = (url: URL, proxyUrl: string | undefined): http.Agent => {
    if (!proxyUrl || proxyUrl === 'direct' || proxyUrl === 'none') return url.protocol === 'https:' ? httpsAgent : httpAgent;
    let agent = proxyAgents.get(proxyUrl);
    if (!agent) {
      agent = proxyUrl.startsWith('socks') ? new SocksProxyAgent(proxyUrl) : new HttpsProxyAgent(proxyUrl);
      proxyAgents.set(proxyUrl, agent);
    }
    return agent;
  };

  // Upstream URLs repeat (one per credential and operation): parse each once.
  const parsed = new Map<string, { url: URL; options: http.RequestOptions }>();
  const target = (text: string) => {
    let entry = parsed.get(text);
    if (!entry) {
      const url = new URL(text);
      entry = { url, options: { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || undefined, path: url.pathname + url.search } };
      if (parsed.size > 1000) parsed.clear();
      parsed.set(text, entry);
    }
    return entry;
  };

  const send = (request: UpstreamHttpRequest, options: SendOptions, retried = false): Promise<UpstreamResponse> =>
    new Promise<UpstreamResponse>((resolve, reject) => {
      const { url, options: base } = target(request.url);
      const transport = url.protocol === 'https:' ? https : http;
      const headers: Record<string, string> = { ...request.headers };
      if (request.body) headers['content-length'] = String(request.body.length);
      let settled = false;
      const firstByteMs = options.timeouts ? options.timeouts.firstByteMs : (options.headersTimeoutMs ?? 600_000);
      const outgoing = transport.request(
        { ...base, method: request.method, headers, agent: agentFor(url, options.proxyUrl) },
        (incoming) => {
          settled = true;
          clearTimeout(timer);
          if (options.timeouts) armIdleTimeout(outgoing, incoming, options.timeouts.idleMs, () => idleTimeoutError(url.host, options.timeouts!.idleMs));
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: incoming.statusCode ?? 502, headers: flat, body: incoming });
        },
      );
      const timer =
        firstByteMs > 0
          ? setTimeout(() => {
              if (!settled) outgoing.destroy(firstByteTimeoutError(url.host, firstByteMs, options.timeouts ? undefined : ''));
            }, firstByteMs)
          : undefined;
      timer?.unref();
      if (options.timeouts) armConnectTimeout(outgoing, options.timeouts.connectMs, () => outgoing.destroy(connectTimeoutError(url.host, options.timeouts!.connectMs)));
      // The client went away: drop the upstream request at once.
      const removeListener = options.signal.onCancel(() => outgoing.destroy(new Error('aborted')));
      outgoing.once('close', removeListener);
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        // A kept-alive socket the upstream closed while idle: the request never reached it. Once, on a new socket.
        if (!retried && outgoing.reusedSocket && error.code === 'ECONNRESET' && !options.signal.cancelled) {
          resolve(send(request, options, true));
          return;
        }
        if (options.signal.cancelled) {
          reject(new ProxyError('The client closed the connection.', { status: 499, code: 'client_abort', scope: 'client-abort', cause: error }));
          return;
        }
        // Our own timeouts: already a ProxyError that names the setting.
        if (ProxyError.isInstance(error)) {
          reject(error);
          return;
        }
        reject(
          new ProxyError(`Could not reach ${url.host}: ${error.code ?? error.message}`, {
            status: 502,
            code: 'upstream_unreachable',
            scope: 'upstream',
            retryable: true,
            cause: error,
          }),
        );
      });
      outgoing.end(request.body);
    });

  return {
    send: (request, options) => send(request, options),
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
      for (const agent of proxyAgents.values()) agent.destroy();
      proxyAgents.clear();
    },
  };
}

/** Reads a body up to `limit` bytes (an error message, a token answer); past that the rest is not read. */
export async function readBodyText(body: Readable, limit = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    chunks.push(buffer.subarray(0, limit - size));
    size += buffer.length;
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}
