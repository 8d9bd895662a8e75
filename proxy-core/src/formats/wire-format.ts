import type { FormatId, IrRequest, IrResponse, StreamPart, Usage } from '../ir/index.js';
import type { ProxyError } from '../shared/errors.js';

/** One server-sent event as it travels on the wire. `data` is the raw payload text. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** What an encoder may need to know about the exchange it is answering. */
export interface EncodeContext {
  /** The model name the client asked for; responses report it back. */
  model: string;
  /** Our request id, usable for response ids. */
  requestId: string;
  /** Unix seconds at the start of the request. */
  created: number;
  /** The decoded client request (for echoing fields such as Responses `instructions` or `tools`). */
  request?: IrRequest;
}

export interface EncodedError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Stateful, synchronous stream transducer; all state lives in its closure. */
export interface StreamDecoder {
  /** One upstream SSE event in, zero or more IR parts out. Never throws on bad data: emits an `error` part. */
  push(event: SseEvent): StreamPart[];
  /** The upstream closed: close open blocks; emit `finish` if the upstream never did. */
  flush(): StreamPart[];
}

export interface StreamEncoder {
  push(part: StreamPart): SseEvent[];
  /** The stream ended (normally or not): close anything still open so every start has an end. */
  flush(): SseEvent[];
}

export interface EncodeRequestOptions {
  /** The upstream model name (after aliases/prefixes/suffixes were resolved). */
  model: string;
  stream: boolean;
}

/**
 * One wire format: decoders to the IR and encoders from it, in both directions, plus its error shape.
 * Request decoders validate and throw a `ProxyError` (status 400) that names the offending field.
 */
export interface WireFormat {
  id: FormatId;
  decodeRequest(body: unknown): IrRequest;
  encodeRequest(request: IrRequest, options: EncodeRequestOptions): Record<string, unknown>;
  decodeResponse(body: unknown): IrResponse;
  encodeResponse(response: IrResponse, context: EncodeContext): unknown;
  createStreamDecoder(): StreamDecoder;
  createStreamEncoder(context: EncodeContext): StreamEncoder;
  /** The client-facing error body for this format. */
  encodeError(error: ProxyError): EncodedError;
  /** The SSE event an error becomes once a stream has started. */
  encodeStreamError(error: ProxyError): SseEvent[];
}

/** Reads token usage out of an upstream body or stream without a full decode (used on the passthrough path). */
export interface UsageSniffer {
  /** Feed one SSE event of a stream. */
  push(event: SseEvent): void;
  /** Usage seen so far, if any. */
  usage(): Usage | undefined;
  /** True once the stream's terminal event has been seen (e.g. `[DONE]`, `message_stop`, `response.completed`). */
  sawTerminal(): boolean;
}
