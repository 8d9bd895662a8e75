/**
 * What the Amp provider routes do with a model (the reference's Amp fallback handler, inventory-server §1.8):
 * served by an account here, renamed by `ampcode.model-mappings` to one that is, or handed to Amp's own
 * servers (`ampcode.upstream-url`, the user's Amp credits). With `force-model-mappings` the mapping comes first.
 */
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { AmpcodeSettings, AmpModelMapping } from '../../config/proxy-config.js';
import { parseModelSuffix } from '../../pipeline/thinking-suffix.js';

export type AmpModelPlan = { kind: 'local'; model: string; mappedFrom?: string } | { kind: 'upstream' };

function matches(rule: AmpModelMapping, base: string): boolean {
  if (!rule.regex) return rule.from.toLowerCase() === base.trim().toLowerCase();
  try {
    return new RegExp(rule.from, 'i').test(base);
  } catch {
    return false;
  }
}

/**
 * The first rule whose `from` matches the requested model (its `(…)` thinking suffix aside), if some account
 * serves its `to`. The caller's suffix is kept unless `to` carries its own.
 */
export function mapAmpModel(rules: readonly AmpModelMapping[], requested: string, serves: (model: string) => boolean): string | undefined {
  if (!requested) return undefined;
  const asked = parseModelSuffix(requested);
  const rule = rules.find((candidate) => matches(candidate, asked.base));
  if (!rule) return undefined;
  const target = parseModelSuffix(rule.to);
  if (!serves(target.base)) return undefined;
  if (target.suffix !== undefined || asked.suffix === undefined || asked.suffix === '') return rule.to;
  return `${rule.to}(${asked.suffix})`;
}

/** Local account, mapped model, or Amp's servers; with nothing to fall back to, the local route answers (its 404 says why). */
export function planAmpModel(settings: AmpcodeSettings, requested: string, serves: (model: string) => boolean): AmpModelPlan {
  const mapped = () => {
    const model = mapAmpModel(settings.modelMappings, requested, serves);
    return model === undefined ? undefined : ({ kind: 'local', model, mappedFrom: requested } as const);
  };
  if (settings.forceModelMappings) {
    const forced = mapped();
    if (forced) return forced;
  }
  if (serves(requested)) return { kind: 'local', model: requested };
  if (!settings.forceModelMappings) {
    const fallback = mapped();
    if (fallback) return fallback;
  }
  if (settings.upstreamUrl) return { kind: 'upstream' };
  return { kind: 'local', model: requested };
}

/**
 * The Amp key for this caller (`client` is the label authentication gave its key): its `upstream-api-keys`
 * entry, else `upstream-api-key` (empty: ask the fallback).
 */
export function ampKeyForClient(settings: AmpcodeSettings, client: string | undefined, labelOf: (key: string) => string | undefined): string {
  if (client) {
    const entry = settings.upstreamApiKeys.find((candidate) => candidate.apiKeys.some((key) => labelOf(key) === client));
    if (entry) return entry.upstreamApiKey;
  }
  return settings.upstreamApiKey;
}

/** A request whose body was already read, readable again (with the new body) for the route that serves it. */
export function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = Readable.from([body], { objectMode: false });
  return Object.assign(replay, {
    headers: { ...req.headers, 'content-length': String(body.length) },
    rawHeaders: req.rawHeaders,
    method: req.method,
    url: req.url,
    socket: req.socket,
    httpVersion: req.httpVersion,
  }) as unknown as IncomingMessage;
}
