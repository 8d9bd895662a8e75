import type { SseEvent } from '../formats/wire-format.js';
import type { FakeUsageSetting } from './fake-usage.js';

/** One request the fake received, as the vendor would have seen it. */
export interface RecordedRequest {
  /** 1, 2, 3… in arrival order (keeps counting across `reset()`). */
  id: number;
  method: string;
  /** The URL path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; repeated headers are joined with `, `. */
  headers: Record<string, string>;
  rawBody: Buffer;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  body: unknown;
  /** From `Authorization: Bearer`, `x-api-key`, `x-goog-api-key` or `?key=`. */
  apiKey?: string;
  /** True if the client closed the connection before the response ended. */
  aborted: boolean;
  /** Milliseconds since the epoch (fractional: the order of requests to several fakes is kept). */
  receivedAt: number;
}

export type FakeSseEvent = SseEvent;

export type FakeResponse =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string>; delayMs?: number }
  | {
      kind: 'sse';
      events: FakeSseEvent[];
      status?: number;
      headers?: Record<string, string>;
      /** Pause before each event. */
      delayMs?: number;
      /** End the response cleanly after N events (an upstream that closes early). */
      endAfter?: number;
      /** Destroy the socket after N events (a reset mid-stream). */
      destroyAfter?: number;
      /** Send N events, then go silent with the connection open (an upstream that hangs mid-stream). */
      hangAfter?: number;
    }
  | {
      kind: 'raw';
      status: number;
      headers?: Record<string, string>;
      body: string | Buffer;
      /** Send the headers and body but never end the response (an upstream that hangs mid-body). */
      hang?: boolean;
    }
  /** Accept the request and never answer (until the client aborts or the fake closes). */
  | { kind: 'hang' }
  /** Destroy the socket without any response. */
  | { kind: 'destroy' };

/**
 * Which requests a scripted rule applies to; every given field must match.
 * `path`: a string matches a path equal to it or ending with it (`/chat/completions` matches
 * `/v1/chat/completions`); a RegExp is tested against the path without the query.
 * `model`: the JSON body's `model`, or for Gemini the `{model}` in `…/models/{model}:action`.
 */
export interface FakeRule {
  path?: string | RegExp;
  method?: string;
  apiKey?: string;
  model?: string;
}

export type FakeAnswer = FakeResponse | ((request: RecordedRequest) => FakeResponse);

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  /** Every request received so far, oldest first (the same array for the fake's lifetime). */
  requests: RecordedRequest[];
  /** Rules are checked newest first; `times` limits how often a rule is used. */
  script(match: FakeRule, response: FakeAnswer, options?: { times?: number }): void;
  /**
   * What `GET …/models` answers (OpenAI, Anthropic and Gemini list shapes), read per request: set it to make the
   * vendor "release" a model. Undefined = each vendor's default list.
   */
  listedModels: string[] | undefined;
  /** When set, the list endpoints answer this HTTP status in the vendor's error shape (a failing lookup). */
  modelListStatus: number | undefined;
  /** Clears rules and recorded requests. */
  reset(): void;
  /** Resolves once the predicate holds for the recorded requests; rejects after `timeoutMs` (default 5000). */
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Closes the server and every open socket. */
  close(): Promise<void>;
}

export interface FakeUpstreamOptions {
  /** The assistant text of default answers. */
  text?: string;
  /** When set, requests without one of these keys get a 401 in the vendor's own error shape. */
  apiKeys?: string[];
  /** The ids the model list endpoints answer (see `FakeUpstream.listedModels`). */
  listedModels?: string[];
  /** Answer a first turn that offers tools with a call to the first tool; then echo the tool result. */
  tools?: boolean;
  /**
   * Tools to call in preference to the first one, with the arguments to send (e.g. a coding CLI's shell
   * tool with `echo tool-ok`): the first offered tool named here wins.
   */
  preferredTools?: Record<string, Record<string, unknown>>;
  /**
   * Usage in the default answers: exact counts (`{ input: 11, output: 7, cached: 3, reasoning: 2 }`, OpenAI's
   * convention: input includes cached, output includes reasoning), `'none'` to leave usage out entirely, or
   * unset to estimate from the request and answer sizes.
   */
  usage?: FakeUsageSetting;
  /**
   * Checked before scripted rules and defaults: what the vendor enforces on every request (an OAuth token it
   * issued, required headers, a body envelope). Return an answer to refuse the request, undefined to go on.
   */
  guard?(request: RecordedRequest): FakeResponse | undefined;
}

export type VendorDialect = 'openai' | 'claude' | 'gemini';

/** The SSE answer on its own, for helpers that build event lists. */
export type FakeSseResponse = Extract<FakeResponse, { kind: 'sse' }>;
