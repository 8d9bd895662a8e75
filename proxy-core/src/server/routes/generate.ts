import { endErrorAfterKeepalive, startNonStreamKeepalive, type NonStreamKeepalive } from '../nonstream-keepalive.js';
import type { IncomingMessage } from 'node:http';
import type { FormatEntry, FormatRegistry } from '../../formats/format-registry.js';
import type { FormatId } from '../../ir/index.js';
import type { Executor } from '../../pipeline/execute.js';
import { createJourney, type Delivery, type JourneyDeps, type WriteOutcome } from '../../pipeline/journey.js';
import type { Incoming } from '../../pipeline/upstream-body.js';
import { usageOfPassthroughBody } from '../../pipeline/upstream-garbage.js';
import type { Operation } from '../../providers/provider-definition.js';
import { createCancellation } from '../../shared/cancellation.js';
import { ProxyError, toProxyError } from '../../shared/errors.js';

import { authenticateClient } from '../client-auth.js';
import { parseJsonObject, readRequestBody } from '../read-body.js';
import { sendError } from '../respond.js';
import type { RouteContext, RouteHandler } from '../router.js';
import type { Runtime } from '../runtime.js';
import { writePassthroughBody, writePassthroughStream } from '../write-passthrough.js';
import { writeTranslatedBody, writeTranslatedStream } from '../write-translated.js';

export interface GenerateDeps extends JourneyDeps {
  /** The proxy's own diagnostics probes (diagnostic-marker.ts). */
  isDiagnostic?(req: IncomingMessage): boolean;
  runtime: Runtime;
  executor: Executor;
  formats: FormatRegistry;
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

/** The generation routes' HTTP side: authenticate, read the body, hand it to the journey, write what comes back. */
export function createGenerateHandler(deps: GenerateDeps, surface: Surface): RouteHandler {
  const client = surface.client ?? deps.formats.get(surface.format)!;
  const journey = createJourney(deps);
  const journeySurface = { format: surface.format, operation: surface.operation, client, legacyClient: surface.client !== undefined };
  return async (context) => {
    const { req, res, url } = context;
    const state = deps.runtime.current();
    const cancellation = createCancellation();
    res.once('close', () => {
      if (!res.writableFinished) cancellation.cancel();
    });
    const run = journey.begin({
      requestId: context.requestId,
      startedAt: context.startedAt,
      method: req.method ?? 'POST',
      path: url.pathname,
      surface: journeySurface,
      headers: req.headers,
      query: url.searchParams,
      signal: cancellation,
      diagnostic: deps.isDiagnostic?.(req) ?? false,
    });
    // Full capture copies the client answer as it is written; the error-only log copies only an error answer.
    if (run.capture?.full) run.capture.tapClient(res);
    let keepalive: NonStreamKeepalive | undefined;
    try {
      run.identify(authenticateClient(req, url, state.keyRing, context.isLoopback, surface.format));
      const raw = await readRequestBody(req, state.config.requestBodyLimitBytes);
      const incoming = readIncoming(context, surface, raw);
      if (surface.operation === 'compact' && incoming.stream) {
        throw new ProxyError('Streaming is not supported for compact responses: send "stream": false to /v1/responses/compact.', {
          status: 400,
          code: 'invalid_request',
          details: { param: 'stream' },
        });
      }
      if (!incoming.stream) keepalive = startNonStreamKeepalive(res, state.config.nonstreamKeepaliveInterval, { 'x-request-id': context.requestId });
      const delivery = await run.deliver(incoming, { registry: state.registry, credentials: state.credentials, config: state.config }).finally(() => keepalive?.stop());
      const outcome = await write(context, incoming, delivery, state.config.streaming.keepaliveSeconds);
      run.finish(outcome.clientClosed ? 499 : outcome.error ? outcome.error.status : 200, outcome);
    } catch (raw) {
      const error = toProxyError(raw);
      keepalive?.stop();
      if (keepalive?.started && error.scope !== 'client-abort') endErrorAfterKeepalive(res, surface.format, error);
      else if (error.scope !== 'client-abort' && !res.writableEnded) {
        // Errors carry the request id too, so a failed request can be looked up in the request log and usage.
        if (!res.headersSent) res.setHeader('x-request-id', context.requestId);
        if (run.capture && !run.capture.full && !res.headersSent) run.capture.tapClient(res);
        sendError(res, surface.format, error);
      }
      run.finish(error.scope === 'client-abort' ? 499 : error.status, { error });
    }
  };

  async function write(context: RouteContext, incoming: Incoming, delivery: Delivery, keepaliveSeconds: number): Promise<WriteOutcome> {
    const { res } = context;
    const { result, headers } = delivery;
    const now = deps.clock.now;
    if (delivery.passthrough) {
      if (incoming.stream) {
        return writePassthroughStream({
          res,
          format: client,
          result,
          headers,
          now,
          keepaliveSeconds,
          geminiArray: incoming.geminiArray,
          collectText: surface.format === 'openai-chat' && !wantsStreamUsage(incoming.body),
          renameModel: delivery.renameModel,
        });
      }
      // A 200 that is not the dialect's JSON (truncated, an HTML error page) is a 502, not passed on as success.
      const usage = usageOfPassthroughBody(client, result.body, result.response.headers['content-type']);
      writePassthroughBody(res, result, headers, delivery.renameModel);
      return { usage, firstByteAt: now() };
    }
    const options = { res, client, upstream: delivery.upstream, result, context: delivery.encodeContext, headers, now, restorer: delivery.restorer };
    if (incoming.stream) return writeTranslatedStream({ ...options, keepaliveSeconds, geminiArray: incoming.geminiArray });
    return { ...writeTranslatedBody({ ...options, keepaliveSeconds: 0, geminiArray: false }), firstByteAt: now() };
  }
}

function wantsStreamUsage(body: Record<string, unknown>): boolean {
  const options = body.stream_options as Record<string, unknown> | undefined;
  return options?.include_usage === true;
}
