import type { IncomingHttpHeaders } from 'node:http';
import type { CooldownStore, Failure } from '../credentials/cooldown.js';
import type { Binding, Selector } from '../credentials/selector.js';
import type { Operation, ProviderDefinition } from '../providers/provider-definition.js';
import type { Cancellation } from '../shared/cancellation.js';
import type { Clock } from '../shared/clock.js';
import { ProxyError, toProxyError, UpstreamHttpError } from '../shared/errors.js';
import { classifyUpstreamError } from './classify-upstream-error.js';
import { cooldownError } from './cooldown-error.js';
import type { HttpClient, UpstreamResponse } from './http-client.js';
import { readBodyText } from './http-client.js';
import { detectLeadingStreamError } from './leading-stream-error.js';
import { readAll, readFirstChunk } from './read-first-chunk.js';

export interface RetrySettings {
  requestRetry: number;
  maxRetryInterval: number;
  maxRetryCredentials: number;
  disableCooling: boolean;
  bootstrapRetries: number;
}

export interface ExecuteRequest {
  requestId: string;
  /** The client-facing model id (routing key for rotation). */
  routeModel: string;
  bindings: readonly Binding[];
  operation: Operation;
  stream: boolean;
  /** Builds the upstream body for one binding (passthrough rewrite or IR encode). */
  buildBody(binding: Binding, provider: ProviderDefinition): Buffer;
  clientHeaders: IncomingHttpHeaders;
  clientQuery: URLSearchParams;
  signal: Cancellation;
  /** Told about every credential tried, so a request that fails everywhere is still attributed. */
  onAttempt?(binding: Binding): void;
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
}

export interface ExecutorDeps {
  httpClient: HttpClient;
  cooldowns: CooldownStore;
  providers: ReadonlyMap<string, ProviderDefinition>;
  clock: Clock;
  selector(): Selector;
  settings(): RetrySettings;
  onAttemptFailed?(binding: Binding, error: ProxyError, cooledUntil: number | undefined): void;
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
  type Outcome = { ok: true; result: ExecuteResult } | { ok: false; error: ProxyError; failure?: Failure };

  const fail = (binding: Binding, status: number, headers: Record<string, string>, body: string): Outcome => {
    const classified = classifyUpstreamError(binding.credential, binding.upstreamModel, status, headers, body, deps.clock.now());
    return { ok: false, error: classified.error, failure: classified.failure };
  };

  const attempt = async (request: ExecuteRequest, binding: Binding, provider: ProviderDefinition): Promise<Outcome> => {
    const httpRequest = provider.buildRequest({
      credential: binding.credential,
      operation: request.operation,
      model: binding.upstreamModel,
      stream: request.stream,
      body: request.buildBody(binding, provider),
      clientHeaders: request.clientHeaders,
      clientQuery: request.clientQuery,
    });
    const response = await deps.httpClient.send(httpRequest, { signal: request.signal, proxyUrl: binding.credential.proxyUrl });
    if (response.status >= 400) {
      const text = await readBodyText(response.body, 256 * 1024).catch(() => '');
      return fail(binding, response.status, response.headers, text);
    }
    if (!request.stream) return { ok: true, result: { binding, provider, response, body: await readAll(response.body), attempts: 0 } };
    const firstChunk = await readFirstChunk(response.body).catch((error: Error) => {
      throw new ProxyError(`The upstream stream failed before any data: ${error.message}`, {
        status: 502,
        code: 'upstream_stream_error',
        scope: 'upstream',
        retryable: true,
      });
    });
    const leading = firstChunk ? detectLeadingStreamError(provider.format, firstChunk) : undefined;
    if (leading) {
      response.body.destroy();
      return fail(binding, leading.status, response.headers, leading.body);
    }
    return { ok: true, result: { binding, provider, response, firstChunk, attempts: 0 } };
  };

  return {
    async execute(original) {
      const request = { ...original, bindings: capableBindings(original, deps.providers) };
      const settings = deps.settings();
      let lastError: ProxyError | undefined;
      let attempts = 0;
      for (let round = 0; ; round++) {
        const tried = new Set<string>();
        const now = deps.clock.now();
        const available = (binding: Binding) =>
          !tried.has(binding.credential.id) && deps.cooldowns.blockedUntil(binding.credential.id, binding.upstreamModel, now) === 0;
        let ordered = deps.selector().order(request.bindings, request.routeModel, available);
        if (settings.maxRetryCredentials > 0) ordered = ordered.slice(0, settings.maxRetryCredentials);
        for (const binding of ordered) {
          const provider = deps.providers.get(binding.credential.provider);
          if (!provider) continue;
          tried.add(binding.credential.id);
          attempts++;
          request.onAttempt?.(binding);
          let outcome: Outcome;
          try {
            outcome = await attempt(request, binding, provider);
          } catch (raw) {
            const error = toProxyError(raw);
            if (error.scope === 'client-abort' || request.signal.cancelled) throw abortError(raw);
            if (error.scope === 'request') throw error;
            outcome = { ok: false, error, failure: { reason: 'unreachable', message: error.message } };
          }
          if (outcome.ok) {
            deps.cooldowns.succeed(binding.credential.id, binding.upstreamModel);
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
        if (round >= settings.requestRetry || settings.maxRetryInterval <= 0) break;
        const wait = soonestWait(request.bindings, deps.cooldowns, deps.clock.now());
        if (wait === undefined || wait > settings.maxRetryInterval * 1000) break;
        await deps.clock.sleep(wait, request.signal).catch((reason) => {
          throw abortError(reason);
        });
      }
      if (lastError) {
        const wait = soonestWait(request.bindings, deps.cooldowns, deps.clock.now());
        if (lastError.status === 429 && lastError.retryAfterSeconds === undefined && wait !== undefined) {
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
