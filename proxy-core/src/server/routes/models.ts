import type { IncomingMessage } from 'node:http';
import type { FormatId } from '../../ir/index.js';
import type { ListedModel } from '../../pipeline/model-registry.js';
import { ProxyError, toProxyError } from '../../shared/errors.js';
import { authenticateClient } from '../client-auth.js';
import { sendError, sendJson } from '../respond.js';
import type { RouteHandler } from '../router.js';
import type { Runtime } from '../runtime.js';

/**
 * `GET /v1/models` answers in the caller's dialect: Gemini for Google SDKs (genai 3.x calls `/v1/models`),
 * Anthropic for `anthropic-version` or a `claude-cli` user agent, OpenAI otherwise.
 */
export function detectModelsDialect(req: IncomingMessage): FormatId {
  const agent = String(req.headers['user-agent'] ?? '');
  if (req.headers['x-goog-api-key'] !== undefined || req.headers['x-goog-api-client'] !== undefined || /google-genai-sdk|GeminiCLI|gemini-cli/i.test(agent)) {
    return 'gemini';
  }
  if (req.headers['anthropic-version'] !== undefined || agent.startsWith('claude-cli')) return 'claude-messages';
  return 'openai-chat';
}

export function openAiModel(model: ListedModel): Record<string, unknown> {
  return { id: model.id, object: 'model', created: model.created, owned_by: model.ownedBy };
}

function anthropicModel(model: ListedModel): Record<string, unknown> {
  return { id: model.id, type: 'model', display_name: model.displayName ?? model.id, created_at: new Date(model.created * 1000).toISOString() };
}

function geminiModel(model: ListedModel): Record<string, unknown> {
  return {
    name: `models/${model.id}`,
    version: '001',
    displayName: model.displayName ?? model.id,
    description: `Served by ${model.ownedBy} through CLIProxy Desktop`,
    inputTokenLimit: model.contextLength ?? 1_048_576,
    outputTokenLimit: model.maxOutputTokens ?? 65_536,
    supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
  };
}

/** `model-chains` are models clients can ask for: listed after the served ids, owned by `cliproxy-chain`. */
export function withChains(models: readonly ListedModel[], chains: ReadonlyArray<{ name: string; models: string[] }>): readonly ListedModel[] {
  if (chains.length === 0) return models;
  const served = new Set(models.map((model) => model.id));
  const virtual = chains
    .filter((chain) => !served.has(chain.name))
    .map((chain) => ({ id: chain.name, ownedBy: 'cliproxy-chain', displayName: `${chain.name} (${chain.models.join(' → ')})`, created: 1_735_689_600, sources: ['configured' as const] }));
  return [...models, ...virtual];
}

export function createModelsHandler(runtime: Runtime, fixedDialect?: FormatId): RouteHandler {
  return (context) => {
    const dialect = fixedDialect ?? detectModelsDialect(context.req);
    try {
      const state = runtime.current();
      authenticateClient(context.req, context.url, state.keyRing, context.isLoopback, dialect);
      const models = withChains(state.registry.list(), state.config.modelChains);
      const id = context.params.model;
      if (id !== undefined) {
        const name = id.startsWith('models/') ? id.slice(7) : id;
        const model = models.find((candidate) => candidate.id === name);
        if (!model) throw new ProxyError(`Model "${name}" is not served by any enabled account. List them with GET /v1/models.`, { status: 404, code: 'model_not_found' });
        sendJson(context.res, 200, dialect === 'gemini' ? geminiModel(model) : dialect === 'claude-messages' ? anthropicModel(model) : openAiModel(model));
        return;
      }
      if (dialect === 'gemini') sendJson(context.res, 200, { models: models.map(geminiModel) });
      else if (dialect === 'claude-messages') {
        sendJson(context.res, 200, { data: models.map(anthropicModel), has_more: false, first_id: models[0]?.id ?? null, last_id: models.at(-1)?.id ?? null });
      } else sendJson(context.res, 200, { object: 'list', data: models.map(openAiModel) });
    } catch (error) {
      sendError(context.res, dialect, toProxyError(error));
    }
  };
}
