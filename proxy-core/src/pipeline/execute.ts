import type { IncomingHttpHeaders } from 'node:http';
import type { AccountRecord, QuotaBucket } from '../credentials/account.js';
import type { CooldownStore, Failure } from '../credentials/cooldown.js';
import type { Credential } from '../credentials/credential.js';
import type { Binding, Selector } from '../credentials/selector.js';
import type { FormatRegistry } from '../formats/format-registry.js';
import type { FormatId } from '../ir/index.js';
import type { Operation, ProviderDefinition, UpstreamCall } from '../providers/provider-definition.js';
import type { Cancellation } from '../shared/cancellation.js';
import type { Clock } from '../shared/clock.js';
import { ProxyError, toProxyError, UpstreamHttpError } from '../shared/errors.js';
import { Readable } from 'node:stream';
import { chatCompletionAsSse } from './chat-completion-sse.js';
import { aggregateStream } from './collect-stream.js';
import { classifyAttemptError } from './classify-attempt.js';
import { cooldownError } from './cooldown-error.js';
import type { HttpClient, UpstreamResponse } from './http-client.js';
import { detectNonEventStream } from './upstream-garbage.js';
import type { UpstreamTimeouts } from './upstream-timeouts.js';
import { readBodyText } from './http-client.js';
import { detectLeadingStreamError, onlyPreamble } from './leading-stream-error.js';
import { readAll, readLeadingChunks } from './read-first-chunk.js';
import { previewFallback } from './preview-fallback.js';
import { unwrapBody, unwrapEventStream } from './unwrap-stream.js';

export interface RetrySettings {
  requestRetry: number;
  maxRetryInterval: number;
  maxRetryCredentials: number;
  disableCooling: boolean;
  bootstrapRetries: number;
  /** `quota-exceeded.switch-preview-model` (default off). */
  switchPreviewModel?: boolean;
  /** `timeouts.upstream-*` (default: no connect or idle limit, 600 s for headers). */
  upstreamTimeouts?: UpstreamTimeouts;
  /** `upstream-body-limit-mb`: the most of a non-stream answer held in memory (default: no limit). */
  upstreamBodyLimitBytes?: number;
}

export interface ExecuteRequest {
  requestId: string;
  /** The client-facing model id (routing key for rotation). */
  routeModel: string;
  bindings: readonly Binding[];
  operation: Operation;
  /** Whether the client asked for a stream. */
  stream: boolean;
  clientFormat: FormatId;
  /**
   * Builds the upstream body for one binding (passthrough rewrite or IR encode). `upstreamStream` differs
   * from `stream` for upstreams that only stream.
   */
  buildBody(binding: Binding, provider: ProviderDefinition, upstreamStream: boolean): Buffer;
  clientHeaders: IncomingHttpHeaders;
  clientQuery: URLSearchParams;
  signal: Cancellation;
  /** Told about every credential tried, so a request that fails everywhere is still attributed. */
  onAttempt?(binding: Binding): void;
  /** How each try ended: no error = it answered; otherwise why the next account was tried. */
  onAttemptResult?(binding: Binding, error?: ProxyError): void;
  /** An account that was not tried because it is cooling down for this model (until epoch ms). */
  onSkipped?(binding: Binding, until: number): void;
  /** The conversation this request belongs to (session affinity), when affinity is on. */
  session?: string;
  /** The request log's capture of each attempt (absent when the request log is off: then nothing is copied). */
  capture?: AttemptCapture;
}

/** What the attempt loop tells the request log (observability/request-capture.ts implements it). */
export interface AttemptCapture {
  upstreamRequest(account: string, request: { method: string; url: string; headers: Record<string, string>; body?: Buffer }): void;
  upstreamResponse(status: number, headers: Record<string, string>): void;
  upstreamBody(body: Buffer | string): void;
  teeUpstream(body: Readable): Readable;
}

export interface ExecuteResult {
  binding: Binding;
  provider: ProviderDefinition;
  response: UpstreamResponse;
  /** Streams: the first chunk, already read (write it before piping the rest). Null when the stream was empty. */
  firstChunk?: Buffer | null;
  /** Non-streams: the whole body. */
  body?: Buffer;
  /** Upstream calls made, including failed ones. */
  attempts: number;
  /** Something the client should be told in `x-cliproxy-warning` (e.g. a preview model answered instead). */
  warning?: string;
}

/** The subscription accounts' side of an attempt (the account manager). */
export interface AccountAuthorizer {
  authorize(credential: Credential): Promise<{ token: string; account: AccountRecord }>;
  refreshAfterUnauthorized(credential: Credential): Promise<boolean>;
  noteQuota(credential: Credential, buckets: QuotaBucket[]): void;
}

export interface ExecutorDeps {
  httpClient: HttpClient;
  /** Needed to aggregate streams of upstreams that only stream. */
  formats: FormatRegistry;
  accounts?: AccountAuthorizer;
  cooldowns: CooldownStore;
  providers: ReadonlyMap<string, ProviderDefinition>;
  clock: Clock;
  selector(): Selector;
  settings(): RetrySettings;
  onAttemptFailed?(binding: Binding, error: ProxyError, cooledUntil: number | undefined): void;
  /**
   * Masks configured secrets and key/token-shaped strings in upstream-provided text (the logs' redaction). Applied
   * where upstream text becomes our error or cooldown reason, so client answers, the all-cooling 429, management
   * and the UI never repeat a key an upstream echoed.
   */
  scrub?(text: string): string;
}

export interface Executor {
  execute(request: ExecuteRequest): Promise<ExecuteResult>;
}

/**
 * The attempt loop: try the available credentials for a model in selector order; a failure before the
 * first byte cools that (credential, model) down and moves on; request errors return at once. Extra
 * rounds (`request-retry`) wait for the soonest cooldown when it ends within `max-retry-interval`.
 */
export function createExecutor(deps: ExecutorDeps): Executor {
  type Outcome =
    | { ok: true; result: ExecuteResult }
    | { ok: false; error: ProxyError; failure?: Failure; retrySameCredential?: { delayMs?: number } };

  const scrub = deps.scrub ?? ((text: string) => text);
  const fail = (binding: Binding, provider: ProviderDefinition, variant: number, status: number, headers: Record<string, string>, body: string): Outcome => ({
    ok: false,
    ...classifyAttemptError({ provider, credential: binding.credential, model: binding.upstreamModel, status, headers, body: scrub(body), now: deps.clock.now(), variant }),
  });

  const send = async (request: ExecuteRequest, binding: Binding, call: UpstreamCall, provider: ProviderDefinition) => {
    const built = provider.buildRequest(call);
    const { capture } = request;
    if (!capture) return deps.httpClient.send(built, { signal: request.signal, proxyUrl: binding.credential.proxyUrl, timeouts: deps.settings().upstreamTimeouts });
    const { group, label } = binding.credential;
    capture.upstreamRequest(label.startsWith(group) ? label : `${group} ${label}`, built);
    const response = await deps.httpClient.send(built, { signal: request.signal, proxyUrl: binding.credential.proxyUrl, timeouts: deps.settings().upstreamTimeouts });
    capture.upstreamResponse(response.status, response.headers);
    return response.status >= 400 ? response : { ...response, body: capture.teeUpstream(response.body) };
  };

  const attempt = async (request: ExecuteRequest, binding: Binding, provider: ProviderDefinition, variant: number): Promise<Outcome> => {
    const { credential } = binding;
    const accounts = credential.kind === 'oauth' ? deps.accounts : undefined;
    const auth = accounts ? await accounts.authorize(credential) : { token: credential.secret, account: undefined };
    const upstreamStream =
      request.operation === 'generate'
        ? (provider.upstreamStreams?.({ credential, model: binding.upstreamModel, clientStream: request.stream, clientFormat: request.clientFormat, variant }) ?? request.stream)
        : false;
    const call: UpstreamCall = {
      credential,
      token: auth.token,
      account: auth.account,
      clientFormat: request.clientFormat,
      variant,
      operation: request.operation,
      model: binding.upstreamModel,
      stream: upstreamStream,
      body: request.buildBody(binding, provider, upstreamStream),
      clientHeaders: request.clientHeaders,
      clientQuery: request.clientQuery,
    };
    let response = await send(request, binding, call, provider);
    if ((response.status === 401 || (response.status === 403 && provider.refreshOnForbidden)) && accounts && !request.signal.cancelled) {
      // An OAuth token the vendor no longer accepts: refresh once and try again with the new one.
      response.body.resume();
      if (await accounts.refreshAfterUnauthorized(credential)) {
        const renewed = await accounts.authorize(credential);
        response = await send(request, binding, { ...call, token: renewed.token, account: renewed.account }, provider);
      }
    }
    if (provider.quotaFromHeaders && deps.accounts) {
      const buckets = provider.quotaFromHeaders(response.headers, deps.clock.now());
      if (buckets?.length) deps.accounts.noteQuota(credential, buckets);
    }
    if (response.status >= 400) {
      const text = await readBodyText(response.body, 256 * 1024).catch(() => '');
      request.capture?.upstreamBody(text);
      return fail(binding, provider, variant, response.status, response.headers, provider.unwrapPayload ? unwrapBody(Buffer.from(text), provider.unwrapPayload).toString('utf8') : text);
    }
    const unwrap = provider.unwrapPayload;
    // A vendor that may answer a stream request with one JSON body (an error in its own envelope) is read whole.
    const wholeInstead = upstreamStream && provider.answerError !== undefined && /json/i.test(response.headers['content-type'] ?? '') && !/event-stream/i.test(response.headers['content-type'] ?? '');
    if (!upstreamStream || wholeInstead) {
      let whole = await readAll(response.body, deps.settings().upstreamBodyLimitBytes);
      whole = unwrap ? unwrapBody(whole, unwrap) : whole;
      const vendorError = provider.answerError?.(whole.toString('utf8'));
      if (vendorError) return fail(binding, provider, variant, vendorError.status, response.headers, vendorError.body);
      if (request.stream && provider.format === 'openai-chat' && request.operation === 'generate') {
        // The client streams but this upstream answered in one piece (a non-stream fallback): replay it as a stream.
        const sse = chatCompletionAsSse(whole);
        const headers: Record<string, string> = { ...response.headers, 'content-type': 'text/event-stream' };
        delete headers['content-length'];
        return { ok: true, result: { binding, provider, response: { ...response, headers, body: Readable.from([]) }, firstChunk: sse, attempts: 0 } };
      }
      return { ok: true, result: { binding, provider, response, body: whole, attempts: 0 } };
    }
    const body = provider.adaptStream
      ? provider.adaptStream(response.body, { model: binding.upstreamModel, requestId: request.requestId, created: Math.floor(deps.clock.now() / 1000) })
      : unwrap
        ? unwrapEventStream(response.body, unwrap)
        : response.body;
    const streamed: UpstreamResponse = { ...response, body };
    if (!request.stream) {
      // This upstream only streams: collect the answer for a client that asked for one body.
      const format = deps.formats.get(provider.format)!;
      const aggregated = await aggregateStream(body, format, { model: binding.upstreamModel, requestId: request.requestId, created: Math.floor(deps.clock.now() / 1000) }, deps.settings().upstreamBodyLimitBytes).catch((error: Error) => {
        throw ProxyError.isInstance(error) ? error : new ProxyError(`The upstream stream failed: ${error.message}`, { status: 502, code: 'upstream_stream_error', scope: 'upstream', retryable: true });
      });
      if (aggregated.error) return fail(binding, provider, variant, aggregated.error.status, response.headers, aggregated.error.raw);
      return { ok: true, result: { binding, provider, response: { ...streamed, headers: { ...response.headers, 'content-type': 'application/json' } }, body: aggregated.body, attempts: 0 } };
    }
    const firstChunk = await readLeadingChunks(body, (soFar) => onlyPreamble(provider.format, soFar)).catch((error: Error) => {
      throw new ProxyError(`The upstream stream failed before any data: ${error.message}`, {
        status: 502,
        code: 'upstream_stream_error',
        scope: 'upstream',
        retryable: true,
      });
    });
    const leading = firstChunk ? (detectLeadingStreamError(provider.format, firstChunk) ?? detectNonEventStream(firstChunk, response.headers['content-type'])) : undefined;
    if (leading) {
      body.destroy();
      return fail(binding, provider, variant, leading.status, response.headers, leading.body);
    }
    return { ok: true, result: { binding, provider, response: streamed, firstChunk, attempts: 0 } };
  };

  /** One credential: its variants (e.g. fallback base URLs) in turn while the provider asks for another try. */
  const attemptCredential = async (request: ExecuteRequest, binding: Binding, provider: ProviderDefinition): Promise<Outcome> => {
    const variants = Math.max(1, provider.variants?.(binding.credential) ?? 1);
    // streaming.bootstrap-retries: a stream that fails before its first byte (408/5xx, a cut or unreachable
    // upstream) is tried again on the same account this many times before it cools down and the next one is tried.
    let bootstrapLeft = request.stream ? Math.max(0, deps.settings().bootstrapRetries) : 0;
    for (let variant = 0; ; variant++) {
      let outcome: Outcome;
      try {
        outcome = await attempt(request, binding, provider, variant);
      } catch (raw) {
        const error = toProxyError(raw);
        // Network, refresh and stream failures may quote the upstream (a URL with ?key=, a token endpoint's answer).
        error.message = scrub(error.message);
        if (error.scope === 'client-abort' || request.signal.cancelled) throw abortError(raw);
        if (error.scope === 'request') throw error;
        const reason = error.scope === 'credential' ? 'unauthorized' : error.status === 504 ? 'transient' : 'unreachable';
        // A host that cannot be reached: the provider's next variant (another base URL) may be.
        outcome = { ok: false, error, failure: { reason, status: error.status, message: error.message }, ...(error.code === 'upstream_unreachable' ? { retrySameCredential: {} } : {}) };
      }
      if (!outcome.ok && bootstrapLeft > 0 && !request.signal.cancelled && (outcome.failure?.reason === 'transient' || outcome.failure?.reason === 'unreachable')) {
        bootstrapLeft--;
        variant--;
        continue;
      }
      if (outcome.ok || !outcome.retrySameCredential || variant + 1 >= variants || request.signal.cancelled) return outcome;
      const delay = outcome.retrySameCredential.delayMs ?? 0;
      if (delay > 0) {
        await deps.clock.sleep(delay, request.signal).catch((reason) => {
          throw abortError(reason);
        });
      }
    }
  };

  /** Every credential in selector order, with `request-retry` rounds unless `singleRound`. */
  const attemptAll = async (original: ExecuteRequest, singleRound = false): Promise<ExecuteResult> => {
    const request = { ...original, bindings: capableBindings(original, deps.providers) };
    const settings = deps.settings();
    let lastError: ProxyError | undefined;
    let attempts = 0;
    for (let round = 0; ; round++) {
      const tried = new Set<string>();
      const now = deps.clock.now();
      const available = (binding: Binding) =>
        !tried.has(binding.credential.id) && deps.cooldowns.blockedUntil(binding.credential.id, binding.upstreamModel, now) === 0;
      const selector = deps.selector();
      if (round === 0 && request.onSkipped) {
        for (const binding of request.bindings) {
          const until = deps.cooldowns.blockedUntil(binding.credential.id, binding.upstreamModel, now);
          if (until > 0) request.onSkipped(binding, until);
        }
      }
      let ordered = selector.order(request.bindings, request.routeModel, available, request.session);
      if (settings.maxRetryCredentials > 0) ordered = ordered.slice(0, settings.maxRetryCredentials);
      for (const binding of ordered) {
        const registered = deps.providers.get(binding.credential.provider);
        if (!registered) continue;
        // Some upstreams speak another wire format for some models or client dialects (Copilot's /responses).
        const provider = registered.forCall?.({ model: binding.upstreamModel, clientFormat: request.clientFormat }) ?? registered;
        tried.add(binding.credential.id);
        attempts++;
        request.onAttempt?.(binding);
        const outcome = await attemptCredential(request, binding, provider).catch((error: unknown) => {
          request.onAttemptResult?.(binding, toProxyError(error));
          throw error;
        });
        request.onAttemptResult?.(binding, outcome.ok ? undefined : outcome.error);
        if (outcome.ok) {
          deps.cooldowns.succeed(binding.credential.id, binding.upstreamModel);
          selector.served?.(binding, request.routeModel, request.session);
          return { ...outcome.result, attempts };
        }
        if (request.signal.cancelled) throw abortError(outcome.error);
        if (!outcome.failure) throw outcome.error;
        const cooledUntil = settings.disableCooling
          ? undefined
          : deps.cooldowns.fail(binding.credential.id, binding.upstreamModel, outcome.failure, deps.clock.now()).until;
        deps.onAttemptFailed?.(binding, outcome.error, cooledUntil);
        lastError = outcome.error;
      }
      if (singleRound || round >= settings.requestRetry || settings.maxRetryInterval <= 0) break;
      const wait = soonestWait(request.bindings, deps.cooldowns, deps.clock.now());
      if (wait === undefined || wait > settings.maxRetryInterval * 1000) break;
      await deps.clock.sleep(wait, request.signal).catch((reason) => {
        throw abortError(reason);
      });
    }
    if (lastError) {
      const wait = soonestWait(request.bindings, deps.cooldowns, deps.clock.now());
      // Every credential failed: a rate-limited client waits for the first one to free up, not for the last one tried.
      if (lastError.status === 429 && wait !== undefined) {
        return Promise.reject(withRetryAfter(lastError, wait / 1000));
      }
      throw lastError;
    }
    const now = deps.clock.now();
    const cooling = request.bindings.flatMap((binding) => {
      const entry = deps.cooldowns.entryFor(binding.credential.id, binding.upstreamModel, now);
      return entry ? [{ credential: binding.credential, entry }] : [];
    });
    throw cooldownError(request.routeModel, cooling, now);
  };

  return {
    async execute(original) {
      try {
        return await attemptAll(original);
      } catch (error) {
        const fallback = deps.settings().switchPreviewModel ? previewFallback(original, error, deps) : undefined;
        if (!fallback) throw error;
        // One more pass on the preview model; if it fails too, the client hears about the model it asked for.
        const result = await attemptAll(fallback.request, true).catch((fallbackError: unknown) => Promise.reject(toProxyError(fallbackError).scope === 'client-abort' ? fallbackError : error));
        return { ...result, warning: fallback.warning };
      }
    },
  };
}

/**
 * The bindings whose provider can do the operation (only Responses upstreams can compact). None at all is a
 * 501 that says which upstream is needed, never a silent ordinary answer.
 */
function capableBindings(request: ExecuteRequest, providers: ReadonlyMap<string, ProviderDefinition>): readonly Binding[] {
  const capable = request.bindings.filter((binding) => providers.get(binding.credential.provider)?.operations.includes(request.operation) ?? false);
  if (capable.length > 0 || request.bindings.length === 0) return capable;
  const groups = [...new Set(request.bindings.map((binding) => binding.credential.group))].join(', ');
  throw new ProxyError(
    `${request.operation === 'compact' ? '/v1/responses/compact' : `The ${request.operation} operation`} is not supported for ${request.routeModel}, which is served by ${groups}; it needs an OpenAI Responses upstream (codex-api-key).`,
    { status: 501, code: 'unsupported', scope: 'request' },
  );
}

function soonestWait(bindings: readonly Binding[], cooldowns: CooldownStore, now: number): number | undefined {
  let soonest: number | undefined;
  for (const binding of bindings) {
    const until = cooldowns.blockedUntil(binding.credential.id, binding.upstreamModel, now);
    if (until > 0 && (soonest === undefined || until < soonest)) soonest = until;
  }
  return soonest === undefined ? undefined : Math.max(0, soonest - now);
}

function abortError(cause: unknown): ProxyError {
  return new ProxyError('The client closed the connection.', { status: 499, code: 'client_abort', scope: 'client-abort', cause });
}

function withRetryAfter(error: ProxyError, seconds: number): ProxyError {
  if (error instanceof UpstreamHttpError) {
    return new UpstreamHttpError(error.message, {
      status: error.status,
      code: error.code,
      scope: error.scope,
      retryable: error.retryable,
      retryAfterSeconds: seconds,
      details: error.details,
      upstreamStatus: error.upstreamStatus,
      upstreamBody: error.upstreamBody,
      upstreamHeaders: error.upstreamHeaders,
      upstreamMessage: error.upstreamMessage,
    });
  }
  return error;
}
