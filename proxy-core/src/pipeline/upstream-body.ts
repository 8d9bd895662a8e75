import type { Binding } from '../credentials/selector.js';
import type { FormatEntry, FormatRegistry } from '../formats/format-registry.js';
import type { FormatId, IrRequest } from '../ir/index.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { Route } from './resolve-route.js';
import { rewriteTopLevelModel } from './rewrite-model.js';
import { translateRequest } from './translate-request.js';

/** What the client sent, as the journey reads it. */
export interface Incoming {
  raw: Buffer;
  body: Record<string, unknown>;
  /** The model the client asked for (trimmed). */
  model: string;
  stream: boolean;
  /** Gemini clients that did not ask for `alt=sse` get Google's JSON-array stream. */
  geminiArray: boolean;
}

export interface BodyBuilderOptions {
  incoming: Incoming;
  route: Route;
  /** The route's dialect. */
  format: FormatId;
  /** The client codec (a registry format, or the legacy completions codec). */
  client: FormatEntry;
  /** True for a client codec that is not a registry format: always through the IR. */
  legacyClient: boolean;
  formats: FormatRegistry;
  log(message: string, fields: Record<string, unknown>): void;
}

export interface BodyBuilder {
  /** Whether answers of this provider go through the IR (otherwise they pass through). */
  needsIr(provider: ProviderDefinition): boolean;
  /** The upstream body for one binding: the client's bytes (model rewritten) or an IR encode. */
  build(binding: Binding, provider: ProviderDefinition, upstreamStream: boolean): Buffer;
  /** The decoded request, once a translation needed it. */
  readonly ir: IrRequest | undefined;
}

/**
 * Builds upstream bodies for one request. Same dialect, no suffix: the client's bytes, with only the top-level
 * model rewritten when it differs (the cheap path). Otherwise the client body is decoded once into the IR and
 * encoded for each upstream format tried.
 */
export function createBodyBuilder(options: BodyBuilderOptions): BodyBuilder {
  const { incoming, route, format, client } = options;
  let ir: IrRequest | undefined;
  let passthroughRaw: Buffer | undefined;
  const needsIr = (provider: ProviderDefinition) => provider.format !== format || options.legacyClient || route.reasoning !== undefined;
  return {
    needsIr,
    build(binding, provider, upstreamStream) {
      if (!needsIr(provider)) {
        if (upstreamStream !== incoming.stream && format !== 'gemini') {
          // An upstream that only streams, for a client that asked for one body: same dialect, stream on.
          return Buffer.from(JSON.stringify({ ...incoming.body, model: binding.upstreamModel, stream: upstreamStream }));
        }
        // The client's bytes, but for what the dialect's upstreams refuse (Gemini's seed quirks); usually the same buffer.
        const raw = (passthroughRaw ??= client.passthroughBody?.(incoming.raw, incoming.body) ?? incoming.raw);
        return format === 'gemini' || binding.upstreamModel === incoming.model ? raw : rewriteTopLevelModel(raw, binding.upstreamModel);
      }
      ir ??= decodeForTranslation(incoming, route, client);
      const upstream = options.formats.get(provider.format)!;
      // Models the user listed in config are theirs to describe: like the reference, no validation.
      const thinking =
        binding.credential.models.length > 0
          ? undefined
          : (provider.catalogFor?.(binding.credential) ?? provider.catalog).find((model) => model.id === binding.upstreamModel)?.thinking;
      const translated = translateRequest(ir, upstream, { model: binding.upstreamModel, stream: upstreamStream, thinking });
      options.log('thinking: original config', { model: incoming.model, config: ir.reasoning ?? null, suffix: route.suffix ?? null });
      options.log('thinking: processed config', { provider: provider.id, model: binding.upstreamModel, config: translated.reasoning ?? null });
      return Buffer.from(JSON.stringify(translated.body));
    },
    get ir() {
      return ir;
    },
  };
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
