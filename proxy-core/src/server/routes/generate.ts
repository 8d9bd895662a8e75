import type { IncomingMessage } from 'node:http';
import type { FormatEntry, FormatRegistry } from '../../formats/format-registry.js';
import type { FormatId, IrRequest, Usage } from '../../ir/index.js';
import type { Binding } from '../../credentials/selector.js';
import type { Executor, ExecuteResult } from '../../pipeline/execute.js';
import { createToolNameRestorer } from '../../pipeline/restore-tool-names.js';
import { resolveRoute, type Route } from '../../pipeline/resolve-route.js';
import { translateRequest } from '../../pipeline/translate-request.js';
import { rewriteTopLevelModel } from '../../pipeline/rewrite-model.js';
import type { Operation, ProviderDefinition } from '../../providers/provider-definition.js';
import type { Clock } from '../../shared/clock.js';
import { createCancellation } from '../../shared/cancellation.js';
import { ProxyError, toProxyError } from '../../shared/errors.js';
import { authenticateClient } from '../client-auth.js';
import { parseJsonObject, readRequestBody } from '../read-body.js';
import { resolveUsage, type RequestRecord } from '../request-record.js';
import { sendError } from '../respond.js';
import type { RouteContext, RouteHandler } from '../router.js';
import type { Runtime } from '../runtime.js';
import { writePassthroughBody, writePassthroughStream, type PassthroughOutcome } from '../write-passthrough.js';
import { writeTranslatedBody, writeTranslatedStream } from '../write-translated.js';

export interface GenerateDeps {
  runtime: Runtime;
  executor: Executor;
  formats: FormatRegistry;
  clock: Clock;
  record(record: RequestRecord): void;
  /** `requestId` ties the entry to one request (filterable in the dashboard's log view). */
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>, requestId?: string): void;
  /** The proxy's own diagnostics probes: logged at debug level and not counted in usage (diagnostic-marker.ts). */
  isDiagnostic?(req: IncomingMessage): boolean;
}

export interface Surface {
  /** The dialect of the route (errors, auth hints, passthrough). */
  format: FormatId;
  operation: Operation;
  /**
   * A client codec that is not a registry format (legacy `/v1/completions`): requests always go through
   * the IR, answers are encoded by it.
   */
  client?: FormatEntry;
}

/** The usage "client key" of the proxy's own probes (the stream canary). */
export const DIAGNOSTICS_CLIENT = 'diagnostics';

/** Upstream formats that can return several candidates (`n` / `candidateCount`). */
const CANDIDATE_FORMATS: ReadonlySet<FormatId> = new Set(['openai-chat', 'gemini']);

interface Incoming {
  raw: Buffer;
  body: Record<string, unknown>;
  model: string;
  stream: boolean;
  geminiArray: boolean;
}

/** Reads the model and stream flag from a body (or, for Gemini, from `/models/{model}:{action}`). */
function readIncoming(context: RouteContext, surface: Surface, raw: Buffer): Incoming {
  const body = parseJsonObject(raw);
  if (surface.format === 'gemini') {
    const stream = context.params.action === 'streamGenerateContent';
    const alt = context.url.searchParams.get('alt') ?? context.url.searchParams.get('$alt');
    return { raw, body, model: context.params.model, stream, geminiArray: stream && alt !== 'sse' };
  }
  const model = body.model;
  if (typeof model !== 'string' || model.trim() === '') {
    throw new ProxyError('The request needs a "model" (a string). List the available ones with GET /v1/models.', {
      status: 400,
      code: 'invalid_request',
      details: { param: 'model' },
    });
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    throw new ProxyError('"stream" must be true or false.', { status: 400, code: 'invalid_request', details: { param: 'stream' } });
  }
  return { raw, body, model: model.trim(), stream: body.stream === true, geminiArray: false };
}

export function createGenerateHandler(deps: GenerateDeps, surface: Surface): RouteHandler {
  const clientFormat = surface.client ?? deps.formats.get(surface.format)!;
  return async (context) => {
    const { req, res, url } = context;
    const state = deps.runtime.current();
    let clientKey = '';
    let incoming: Incoming | undefined;
    let route: Route | undefined;
    let result: ExecuteResult | undefined;
    let lastTried: Binding | undefined;
    let tried = 0;
    const cancellation = createCancellation();
    res.once('close', () => {
      if (!res.writableFinished) cancellation.cancel();
    });
    try {
      clientKey = authenticateClient(req, url, state.keyRing, context.isLoopback, surface.format);
      const raw = await readRequestBody(req, state.config.requestBodyLimitBytes);
      incoming = readIncoming(context, surface, raw);
      if (surface.operation === 'compact' && incoming.stream) {
        throw new ProxyError('Streaming is not supported for compact responses: send "stream": false to /v1/responses/compact.', {
          status: 400,
          code: 'invalid_request',
          details: { param: 'stream' },
        });
      }
      route = resolveRoute(state.registry, incoming.model, state.credentials.length);
      const current = incoming;
      const currentRoute = route;
      const needsIr = (provider: ProviderDefinition) => provider.format !== surface.format || surface.client !== undefined || currentRoute.reasoning !== undefined;
      let ir: IrRequest | undefined;
      let passthroughRaw: Buffer | undefined;
      const buildBody = (binding: Binding, provider: ProviderDefinition, upstreamStream: boolean): Buffer => {
        if (!needsIr(provider)) {
          if (upstreamStream !== current.stream && surface.format !== 'gemini') {
            // An upstream that only streams, for a client that asked for one body: same dialect, stream on.
            return Buffer.from(JSON.stringify({ ...current.body, model: binding.upstreamModel, stream: upstreamStream }));
          }
          // The client's bytes, but for what the dialect's upstreams refuse (Gemini's seed quirks); usually the same buffer.
          const raw = (passthroughRaw ??= clientFormat.passthroughBody?.(current.raw, current.body) ?? current.raw);
          return surface.format === 'gemini' || binding.upstreamModel === current.model ? raw : rewriteTopLevelModel(raw, binding.upstreamModel);
        }
        ir ??= decodeForTranslation(current, currentRoute, clientFormat);
        const upstream = deps.formats.get(provider.format)!;
        // Models the user listed in config are theirs to describe: like the reference, no validation.
        const thinking = binding.credential.models.length > 0 ? undefined : (provider.catalogFor?.(binding.credential) ?? provider.catalog).find((model) => model.id === binding.upstreamModel)?.thinking;
        const translated = translateRequest(ir, upstream, { model: binding.upstreamModel, stream: upstreamStream, thinking });
        deps.log('debug', 'thinking: original config', { model: current.model, config: ir.reasoning ?? null, suffix: currentRoute.suffix ?? null }, context.requestId);
        deps.log('debug', 'thinking: processed config', { provider: provider.id, model: binding.upstreamModel, config: translated.reasoning ?? null }, context.requestId);
        return Buffer.from(JSON.stringify(translated.body));
      };
      result = await deps.executor.execute({
        requestId: context.requestId,
        routeModel: route.model,
        bindings: route.bindings,
        operation: surface.operation,
        stream: incoming.stream,
        clientFormat: surface.format,
        buildBody,
        clientHeaders: req.headers,
        clientQuery: url.searchParams,
        signal: cancellation,
        onAttempt: (binding) => {
          lastTried = binding;
          tried++;
        },
      });
      const headers: Record<string, string> = { 'x-request-id': context.requestId };
      const warnings: string[] = [];
      // A provider's model fallback served the request: never silently, the client is told which model answered.
      if (route.warning) warnings.push(route.warning);
      // quota-exceeded.switch-preview-model: a preview model answered because the asked one is out of quota everywhere.
      if (result.warning) warnings.push(result.warning);
      const candidates = ir?.candidateCount ?? 1;
      if (candidates > 1 && !CANDIDATE_FORMATS.has(result.provider.format)) {
        // Never fan out silently: one candidate comes back, and the client is told why.
        warnings.push(`n=${candidates} is not supported by the ${result.binding.credential.group} upstream; returning one candidate`);
      }
      for (const warning of warnings) deps.log('warn', warning, { model: incoming.model }, context.requestId);
      if (warnings.length > 0) headers['x-cliproxy-warning'] = warnings.join('; ');
      const upstreamFormat = deps.formats.get(result.provider.format)!;
      const encodeContext = { model: incoming.model, requestId: context.requestId, created: Math.floor(context.startedAt / 1000), request: ir };
      const restorer = createToolNameRestorer(upstreamFormat, ir);
      let outcome: Partial<PassthroughOutcome> & { usage?: Usage };
      if (!needsIr(result.provider)) {
        if (incoming.stream) {
          outcome = await writePassthroughStream({
            res,
            format: clientFormat,
            result,
            headers,
            now: deps.clock.now,
            keepaliveSeconds: state.config.streaming.keepaliveSeconds,
            geminiArray: incoming.geminiArray,
            collectText: surface.format === 'openai-chat' && !wantsStreamUsage(incoming.body),
          });
        } else {
          writePassthroughBody(res, result, headers);
          outcome = { usage: sniffBody(clientFormat, result.body), firstByteAt: deps.clock.now() };
        }
      } else if (incoming.stream) {
        outcome = await writeTranslatedStream({
          res,
          client: clientFormat,
          upstream: upstreamFormat,
          result,
          context: encodeContext,
          headers,
          now: deps.clock.now,
          keepaliveSeconds: state.config.streaming.keepaliveSeconds,
          geminiArray: incoming.geminiArray,
          restorer,
        });
      } else {
        outcome = {
          ...writeTranslatedBody({ res, client: clientFormat, upstream: upstreamFormat, result, context: encodeContext, headers, now: deps.clock.now, keepaliveSeconds: 0, geminiArray: false, restorer }),
          firstByteAt: deps.clock.now(),
        };
      }
      finish(context, clientKey, incoming, route, result, outcome.clientClosed ? 499 : outcome.error ? outcome.error.status : 200, outcome);
    } catch (raw) {
      const error = toProxyError(raw);
      if (error.scope !== 'client-abort' && !res.writableEnded) sendError(res, surface.format, error);
      finish(context, clientKey, incoming, route, result, error.scope === 'client-abort' ? 499 : error.status, { error }, { binding: lastTried, attempts: tried });
    }
  };

  function finish(
    context: RouteContext,
    clientKey: string,
    incoming: Incoming | undefined,
    route: Route | undefined,
    result: ExecuteResult | undefined,
    status: number,
    outcome: Partial<PassthroughOutcome> & { usage?: Usage; error?: ProxyError },
    failed?: { binding: Binding | undefined; attempts: number },
  ): void {
    const end = deps.clock.now();
    const binding = result?.binding ?? failed?.binding;
    const attempts = result?.attempts ?? failed?.attempts ?? 0;
    const latencyMs = end - context.startedAt;
    const fields = {
      method: context.req.method,
      path: context.url.pathname,
      status,
      latencyMs,
      model: incoming?.model,
      credential: binding ? `${binding.credential.group} ${binding.credential.label}` : undefined,
      attempts,
      stream: incoming?.stream,
      error: outcome.error?.message,
      code: outcome.error?.code,
    };
    const diagnostic = deps.isDiagnostic?.(context.req) ?? false;
    if (diagnostic) {
      // A diagnostics probe (the Amp check's 400 for an empty body is its expected answer): not a problem a user has.
      deps.log('debug', `diagnostic probe ${context.req.method} ${context.url.pathname} ${status} ${latencyMs}ms`, { ...fields, diagnostic: true }, context.requestId);
    } else {
      deps.log(status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info', `${context.req.method} ${context.url.pathname} ${status} ${latencyMs}ms`, fields, context.requestId);
    }
    if (!incoming || !clientKey) return;
    const usage = status < 400 ? resolveUsage(outcome.usage, incoming.raw.length, outcome.outputText?.length ?? 0) : outcome.usage;
    deps.record({
      time: context.startedAt,
      requestId: context.requestId,
      // The canary's tokens are really spent on the account, so they are counted — under "diagnostics", not a user's key.
      clientKey: diagnostic ? DIAGNOSTICS_CLIENT : clientKey,
      provider: binding?.credential.group ?? '',
      credentialId: binding?.credential.id ?? '',
      credentialLabel: binding?.credential.label ?? '',
      requestedModel: incoming.model,
      upstreamModel: binding?.upstreamModel ?? route?.model ?? incoming.model,
      clientFormat: surface.format,
      upstreamFormat: result?.provider.format ?? '',
      stream: incoming.stream,
      status,
      latencyMs,
      ttfbMs: outcome.firstByteAt !== undefined ? outcome.firstByteAt - context.startedAt : null,
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
      cachedTokens: usage?.cachedInputTokens ?? 0,
      reasoningTokens: usage?.reasoningTokens ?? 0,
      totalTokens: usage ? (usage.totalTokens ?? usage.inputTokens + usage.outputTokens) : 0,
      estimated: usage?.estimated ?? false,
      error: outcome.error?.message ?? null,
      attempts,
    });
  }
}

function wantsStreamUsage(body: Record<string, unknown>): boolean {
  const options = body.stream_options as Record<string, unknown> | undefined;
  return options?.include_usage === true;
}

function sniffBody(format: FormatEntry, body: Buffer | undefined): Usage | undefined {
  if (!body || body.length === 0) return undefined;
  try {
    return format.usageFromBody(JSON.parse(body.toString('utf8')));
  } catch {
    return undefined;
  }
}

/** Decodes the client body into the IR; a `model(value)` suffix replaces the body's thinking settings. */
function decodeForTranslation(incoming: Incoming, route: Route, format: FormatEntry): IrRequest {
  const request = format.wire.decodeRequest(incoming.body);
  // Gemini carries model and stream in the URL, not the body.
  request.model = incoming.model;
  request.stream = incoming.stream;
  if (route.reasoning) {
    const includeThoughts = request.reasoning?.includeThoughts ?? route.reasoning.includeThoughts;
    request.reasoning = includeThoughts === undefined ? route.reasoning : { ...route.reasoning, includeThoughts };
  }
  return request;
}
