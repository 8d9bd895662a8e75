import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { answerByDefault, requestModel, type DefaultRouteOptions } from './default-routes.js';
import type { FakeAnswer, FakeResponse, FakeRule, FakeUpstream, FakeUpstreamOptions, RecordedRequest } from './fake-upstream-types.js';
import { writeFakeResponse } from './write-fake-response.js';

export const DEFAULT_FAKE_TEXT = 'Hello from the fake upstream.';

interface ScriptedRule {
  match: FakeRule;
  answer: FakeAnswer;
  remaining: number;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function extractApiKey(headers: Record<string, string>, query: Record<string, string>): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
  return headers['x-api-key'] ?? headers['x-goog-api-key'] ?? bearer ?? query.key;
}

/** The JSON body, decoding a gzip/deflate/br `content-encoding` first; undefined when empty or not JSON. */
function parseJson(rawBody: Buffer, contentEncoding: string | undefined): unknown {
  if (rawBody.length === 0) return undefined;
  try {
    const encoding = contentEncoding?.trim().toLowerCase();
    const decoded =
      encoding === 'gzip' ? gunzipSync(rawBody) : encoding === 'deflate' ? inflateSync(rawBody) : encoding === 'br' ? brotliDecompressSync(rawBody) : rawBody;
    return JSON.parse(decoded.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Reads the whole request body; `complete` is false when the client went away before sending all of it. */
function readBody(incoming: IncomingMessage): Promise<{ rawBody: Buffer; complete: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const finish = (complete: boolean) => resolve({ rawBody: Buffer.concat(chunks), complete });
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => finish(true));
    incoming.once('error', () => finish(false));
    incoming.once('close', () => finish(incoming.complete));
  });
}

function ruleMatches(rule: FakeRule, request: RecordedRequest): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== request.method) return false;
  if (typeof rule.path === 'string' && request.path !== rule.path && !request.path.endsWith(rule.path)) return false;
  if (rule.path instanceof RegExp) {
    rule.path.lastIndex = 0;
    if (!rule.path.test(request.path)) return false;
  }
  if (rule.apiKey !== undefined && rule.apiKey !== request.apiKey) return false;
  if (rule.model !== undefined && rule.model !== requestModel(request)) return false;
  return true;
}

function describeRequests(requests: RecordedRequest[]): string {
  if (requests.length === 0) return 'no requests were recorded';
  return `recorded: ${requests.map((request) => `#${request.id} ${request.method} ${request.path}${request.aborted ? ' (aborted)' : ''}`).join(', ')}`;
}

/**
 * Starts a fake vendor server on 127.0.0.1 (a free port) that speaks the OpenAI (chat, Responses, models),
 * Anthropic (messages, count_tokens) and Gemini (generateContent, streamGenerateContent, countTokens, models)
 * wire formats, records every request, and answers scripted rules first, newest first.
 */
export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const defaults: DefaultRouteOptions = {
    text: options.text ?? DEFAULT_FAKE_TEXT,
    tools: options.tools ?? false,
    preferredTools: options.preferredTools,
    apiKeys: options.apiKeys,
    listedModels: options.listedModels,
    usage: options.usage,
  };
  const requests: RecordedRequest[] = [];
  const rules: ScriptedRule[] = [];
  const watchers = new Set<() => void>();
  const sockets = new Set<Socket>();
  let nextId = 1;
  let closing = false;

  const notify = () => {
    for (const watcher of [...watchers]) watcher();
  };

  const chooseAnswer = (request: RecordedRequest): FakeResponse => {
    const refused = options.guard?.(request);
    if (refused) return refused;
    const index = rules.findIndex((rule) => ruleMatches(rule.match, request));
    if (index === -1) return answerByDefault(request, defaults);
    const rule = rules[index];
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.splice(index, 1);
    return typeof rule.answer === 'function' ? rule.answer(request) : rule.answer;
  };

  const handle = async (incoming: IncomingMessage, response: ServerResponse) => {
    // Sub-millisecond, so requests to two fakes (Antigravity's hosts) keep their real order when compared.
    const receivedAt = performance.timeOrigin + performance.now();
    let record: RecordedRequest | undefined;
    let clientGone = false;
    let closedByServer = false;
    response.once('close', () => {
      if (!response.writableFinished && !closedByServer && !closing) {
        clientGone = true;
        if (record) record.aborted = true;
      }
      notify();
    });

    const { rawBody, complete } = await readBody(incoming);
    const url = new URL(incoming.url ?? '/', 'http://fake.invalid');
    const headers = flattenHeaders(incoming.headers);
    const query = Object.fromEntries(url.searchParams);
    record = {
      id: nextId++,
      method: (incoming.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query,
      headers,
      rawBody,
      body: parseJson(rawBody, headers['content-encoding']),
      apiKey: extractApiKey(headers, query),
      aborted: clientGone || (!complete && !closing),
      receivedAt,
    };
    requests.push(record);
    notify();
    if (record.aborted || closing) return;

    let answer: FakeResponse;
    try {
      answer = chooseAnswer(record);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      answer = { kind: 'raw', status: 500, body: `fake upstream: the scripted answer threw: ${message}` };
    }
    await writeFakeResponse(answer, { response, markClosedByServer: () => (closedByServer = true) });
  };

  const server = createServer({ noDelay: true }, (incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`fake upstream failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    script(match, answer, scriptOptions = {}) {
      const times = scriptOptions.times ?? Infinity;
      if (!(times > 0) || (Number.isFinite(times) && !Number.isInteger(times))) {
        throw new Error(`fake upstream: script() times must be a positive whole number, got ${String(scriptOptions.times)}`);
      }
      rules.unshift({ match, answer, remaining: times });
    },
    get listedModels() {
      return defaults.listedModels;
    },
    set listedModels(ids) {
      defaults.listedModels = ids;
    },
    get modelListStatus() {
      return defaults.listStatus;
    },
    set modelListStatus(status) {
      defaults.listStatus = status;
    },
    reset() {
      rules.length = 0;
      requests.length = 0;
    },
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise<void>((resolve, reject) => {
        const stop = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        const check = () => {
          try {
            if (!predicate(requests)) return;
            stop();
            resolve();
          } catch (error) {
            stop();
            reject(error);
          }
        };
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`fake upstream: waitFor timed out after ${timeoutMs} ms; ${describeRequests(requests)}`));
        }, timeoutMs);
        watchers.add(check);
        check();
      });
    },
    close() {
      closing = true;
      for (const socket of sockets) socket.destroy();
      if (!server.listening) return Promise.resolve();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
