import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { PassThrough, pipeline, type Readable } from 'node:stream';

/** Bytes kept of one body, and how many there were in all (the rest is cut, and the log says so). */
export interface CapturedBody {
  chunks: Buffer[];
  kept: number;
  total: number;
}

export interface CapturedUpstream {
  /** The account tried, as the logs name it (`codex work@example.com`). */
  account: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: CapturedBody;
  status?: number;
  responseHeaders?: Record<string, string>;
  response: CapturedBody;
}

export interface CapturedClientResponse {
  status: number;
  headers: OutgoingHttpHeaders;
  body: CapturedBody;
}

/**
 * One request's capture for the request log. `full` (`request-log: true`) copies streams and the client answer
 * from a tee; otherwise only what is already in memory is kept by reference (the client request, the upstream
 * request bodies, upstream error answers), so the error-only log costs no copying on the client path.
 */
export interface RequestCapture {
  readonly requestId: string;
  readonly full: boolean;
  readonly method: string;
  readonly path: string;
  readonly startedAt: number;
  clientRequest(headers: IncomingHttpHeaders, body: Buffer): void;
  /** The client key's label (masked), so a replay can find the key again. */
  clientKey: string | undefined;
  /** Starts an upstream attempt. */
  upstreamRequest(account: string, request: { method: string; url: string; headers: Record<string, string>; body?: Buffer }): void;
  upstreamResponse(status: number, headers: Record<string, string>): void;
  /** A body the attempt loop read whole (an error answer, a non-stream answer). */
  upstreamBody(body: Buffer | string): void;
  /** A stream answer: a copy is taken as bytes pass (full capture only; otherwise `body` itself comes back). */
  teeUpstream(body: Readable): Readable;
  /** Copies what is written to the client from here on (bounded by the body limit). */
  tapClient(res: ServerResponse): void;
  readonly client: { headers: IncomingHttpHeaders; body: CapturedBody } | undefined;
  readonly attempts: readonly CapturedUpstream[];
  readonly clientResponse: CapturedClientResponse | undefined;
}

export interface CaptureStart {
  requestId: string;
  method: string;
  path: string;
  startedAt: number;
  full: boolean;
  bodyLimitBytes: number;
}

function emptyBody(): CapturedBody {
  return { chunks: [], kept: 0, total: 0 };
}

function append(body: CapturedBody, chunk: Buffer | string, limit: number): void {
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  body.total += bytes.length;
  if (body.kept >= limit) return;
  const room = limit - body.kept;
  const kept = bytes.length <= room ? bytes : bytes.subarray(0, room);
  body.chunks.push(kept);
  body.kept += kept.length;
}

export function createRequestCapture(start: CaptureStart): RequestCapture {
  const limit = start.bodyLimitBytes;
  let client: RequestCapture['client'];
  let clientResponse: CapturedClientResponse | undefined;
  const attempts: CapturedUpstream[] = [];
  const current = () => attempts.at(-1);

  return {
    clientKey: undefined,
    requestId: start.requestId,
    full: start.full,
    method: start.method,
    path: start.path,
    startedAt: start.startedAt,
    get client() {
      return client;
    },
    get attempts() {
      return attempts;
    },
    get clientResponse() {
      return clientResponse;
    },
    clientRequest(headers, body) {
      const captured = emptyBody();
      append(captured, body, limit);
      client = { headers, body: captured };
    },
    upstreamRequest(account, request) {
      const body = emptyBody();
      if (request.body) append(body, request.body, limit);
      attempts.push({ account, method: request.method, url: request.url, headers: request.headers, body, response: emptyBody() });
    },
    upstreamResponse(status, headers) {
      const attempt = current();
      if (!attempt) return;
      attempt.status = status;
      attempt.responseHeaders = headers;
    },
    upstreamBody(body) {
      const attempt = current();
      if (attempt) append(attempt.response, body, limit);
    },
    teeUpstream(body) {
      const attempt = current();
      if (!start.full || !attempt) return body;
      const copy = new PassThrough({
        transform(chunk: Buffer, _encoding, callback) {
          append(attempt.response, chunk, limit);
          callback(null, chunk);
        },
      });
      // pipeline: an upstream error or a consumer that destroys the copy ends both sides, as with the original.
      return pipeline(body, copy, () => undefined);
    },
    tapClient(res) {
      const body = emptyBody();
      const response: CapturedClientResponse = { status: 0, headers: {}, body };
      clientResponse = response;
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      const copy = (chunk: unknown) => {
        if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) append(body, chunk, limit);
        else if (chunk instanceof Uint8Array) append(body, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), limit);
      };
      (res as { write: unknown }).write = (...args: unknown[]) => {
        copy(args[0]);
        return write(...args);
      };
      (res as { end: unknown }).end = (...args: unknown[]) => {
        if (typeof args[0] !== 'function') copy(args[0]);
        response.status = res.statusCode;
        return end(...args);
      };
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
      (res as { writeHead: unknown }).writeHead = (...args: unknown[]) => {
        response.status = Number(args[0]);
        const headers = args.find((arg, index) => index > 0 && arg !== null && typeof arg === 'object');
        if (headers && !Array.isArray(headers)) response.headers = { ...res.getHeaders(), ...(headers as OutgoingHttpHeaders) };
        else response.headers = res.getHeaders();
        return writeHead(...args);
      };
    },
  };
}
