import { passthroughBody as geminiPassthroughBody } from '../../formats/gemini/index.js';
import type { FormatId } from '../../ir/index.js';
import type { Executor } from '../../pipeline/execute.js';
import { resolveRoute } from '../../pipeline/resolve-route.js';
import { planModel } from '../../pipeline/route-plan.js';
import { createRoutingTables } from '../../pipeline/routing-tables.js';
import { rewriteTopLevelModel } from '../../pipeline/rewrite-model.js';
import { createCancellation } from '../../shared/cancellation.js';
import { ProxyError, toProxyError } from '../../shared/errors.js';
import { authenticateClient } from '../client-auth.js';
import { parseJsonObject, readRequestBody } from '../read-body.js';
import { estimateTokens } from '../../pipeline/usage-record.js';
import { sendError, sendJson } from '../respond.js';
import type { RouteHandler } from '../router.js';
import type { Runtime } from '../runtime.js';
import { writePassthroughBody } from '../write-passthrough.js';

/**
 * Token counting: asked of the upstream when it speaks the client's format and can count (Claude,
 * Gemini); otherwise estimated locally (about 4 characters a token), like the reference does for
 * OpenAI-shaped upstreams.
 */
export function createCountTokensHandler(runtime: Runtime, executor: Executor, format: Extract<FormatId, 'claude-messages' | 'gemini'>): RouteHandler {
  const tables = createRoutingTables();
  return async (context) => {
    const cancellation = createCancellation();
    context.res.once('close', () => {
      if (!context.res.writableFinished) cancellation.cancel();
    });
    try {
      const state = runtime.current();
      const clientKey = authenticateClient(context.req, context.url, state.keyRing, context.isLoopback, format);
      const raw = await readRequestBody(context.req, state.config.requestBodyLimitBytes);
      const body = parseJsonObject(raw);
      const model = format === 'gemini' ? context.params.model : body.model;
      if (typeof model !== 'string' || !model) {
        throw new ProxyError('The request needs a "model" (a string).', { status: 400, code: 'invalid_request', details: { param: 'model' } });
      }
      // Mappings, chains (their first member) and family pass-through count where the request would go.
      const plan = planModel(model, clientKey, tables.mapper(state.config));
      const route = resolveRoute(state.registry, plan.members[0], state.credentials.length, { passthrough: tables.family(state.credentials, state.config) });
      const native = route.bindings.filter((binding) => {
        const provider = runtime.providers.get(binding.credential.provider);
        return provider?.format === format && provider.operations.includes('count-tokens');
      });
      if (native.length > 0) {
        const result = await executor.execute({
          requestId: context.requestId,
          routeModel: route.model,
          bindings: native,
          operation: 'count-tokens',
          stream: false,
          clientFormat: format,
          buildBody: (binding) => (format === 'gemini' ? geminiCountBody(raw, body, binding.upstreamModel) : binding.upstreamModel === model ? raw : rewriteTopLevelModel(raw, binding.upstreamModel)),
          clientHeaders: context.req.headers,
          clientQuery: context.url.searchParams,
          signal: cancellation,
        });
        writePassthroughBody(context.res, result, { 'x-request-id': context.requestId });
        return;
      }
      const tokens = estimateTokens(countableCharacters(body));
      sendJson(context.res, 200, format === 'gemini' ? { totalTokens: tokens } : { input_tokens: tokens }, { 'x-request-id': context.requestId, 'x-token-count-estimated': 'true' });
    } catch (error) {
      const proxyError = toProxyError(error);
      if (proxyError.scope !== 'client-abort') sendError(context.res, format, proxyError);
    }
  };
}

/**
 * A Gemini countTokens body for the upstream: the seed quirks fixed, and a `generateContentRequest.model` that
 * names the client's alias (`models/gemini-model`) pointed at the model the upstream knows.
 */
function geminiCountBody(raw: Buffer, body: Record<string, unknown>, upstreamModel: string): Buffer {
  const sanitized = geminiPassthroughBody(raw, body);
  const inner = body.generateContentRequest as Record<string, unknown> | undefined;
  const wanted = `models/${upstreamModel}`;
  if (!inner || typeof inner.model !== 'string' || inner.model === wanted || inner.model === upstreamModel) return sanitized;
  const parsed = JSON.parse(sanitized.toString('utf8')) as { generateContentRequest: Record<string, unknown> };
  parsed.generateContentRequest.model = wanted;
  return Buffer.from(JSON.stringify(parsed));
}

/** Characters of the parts that cost tokens (messages, system, tools), without the JSON punctuation around them. */
function countableCharacters(body: Record<string, unknown>): number {
  let total = 0;
  const walk = (value: unknown): void => {
    if (typeof value === 'string') total += value.length;
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) if (key !== 'model') walk(inner);
  };
  walk(body);
  return total;
}
