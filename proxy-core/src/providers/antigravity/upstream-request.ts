import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Credential } from '../../credentials/credential.js';
import { parseGeminiBody, prepareCodeAssistRequest } from '../code-assist/index.js';
import { joinUrl } from '../forward-headers.js';
import type { UpstreamCall, UpstreamHttpRequest } from '../provider-definition.js';
import { ANTIGRAVITY_MODELS, isClaudeModel, isImageModel } from './models.js';
import { ANTIGRAVITY_ENDPOINTS, ANTIGRAVITY_USER_AGENT } from './oauth-endpoints.js';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Hosts in the order they are tried: daily, then prod; a file's `base_url` replaces both. */
export function antigravityBases(credential: Credential): string[] {
  if (credential.baseUrl) return [credential.baseUrl];
  const endpoints = credential.account?.endpoints;
  return [endpoints?.api ?? ANTIGRAVITY_ENDPOINTS.api, endpoints?.apiFallback ?? ANTIGRAVITY_ENDPOINTS.apiFallback];
}

/** Each host is tried at most this many times per request (one same-credential retry after a short wait). */
export const ANTIGRAVITY_ROUNDS = 2;

/** Which host and which round a variant is: variants walk the hosts, then start again for the retry round. */
export function variantPosition(credential: Credential, variant: number): { base: string; index: number; hosts: number; round: number } {
  const bases = antigravityBases(credential);
  return { base: bases[variant % bases.length], index: variant % bases.length, hosts: bases.length, round: Math.floor(variant / bases.length) };
}

/**
 * `request.sessionId`: `-<int63>` from a SHA-256 of the first user text, so one conversation keeps one session
 * ([CPA] antigravity_executor_request.go `generateStableSessionID`); random when there is no user text.
 */
export function stableSessionId(request: JsonObject): string {
  for (const content of Array.isArray(request.contents) ? request.contents : []) {
    if (!isObject(content) || content.role !== 'user' || !Array.isArray(content.parts)) continue;
    const first = content.parts[0];
    const text = isObject(first) && typeof first.text === 'string' ? first.text : '';
    if (!text) continue;
    const value = createHash('sha256').update(text).digest().readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn;
    return `-${value.toString()}`;
  }
  return `-${(randomBytes(8).readBigUInt64BE(0) % 9_000_000_000_000_000_000n).toString()}`;
}

function shapeGenerationConfig(request: JsonObject, model: string): void {
  const claude = isClaudeModel(model);
  const limit = ANTIGRAVITY_MODELS.find((item) => item.id === model)?.maxOutputTokens;
  for (const key of ['generationConfig', 'generation_config']) {
    const config = request[key];
    if (!isObject(config)) continue;
    const shaped = { ...config };
    for (const field of ['maxOutputTokens', 'max_output_tokens']) {
      if (shaped[field] === undefined) continue;
      // Claude keeps its limit (capped to the catalogue); Gemini models on Antigravity refuse the field.
      if (!claude) delete shaped[field];
      else if (limit !== undefined && typeof shaped[field] === 'number' && (shaped[field] as number) > limit) shaped[field] = limit;
    }
    request[key] = shaped;
  }
}

/**
 * An Antigravity call (inventory §2.5 "Upstream"): the Gemini body inside the Code Assist envelope plus
 * `userAgent: "antigravity"`, `requestType` (`agent`, or `image_gen` for the image model), `requestId` and a
 * stable `request.sessionId`; `safetySettings` removed; Claude models get `toolConfig.functionCallingConfig.mode
 * = VALIDATED`, other models lose `maxOutputTokens`. The variant picks the host (daily, prod, then again).
 */
export function buildAntigravityRequest(call: UpstreamCall): UpstreamHttpRequest {
  const { base } = variantPosition(call.credential, call.variant);
  const request = prepareCodeAssistRequest(parseGeminiBody(call.body));
  delete request.safetySettings;
  shapeGenerationConfig(request, call.model);
  if (isClaudeModel(call.model)) {
    const toolConfig = isObject(request.toolConfig) ? { ...request.toolConfig } : {};
    toolConfig.functionCallingConfig = { ...(isObject(toolConfig.functionCallingConfig) ? toolConfig.functionCallingConfig : {}), mode: 'VALIDATED' };
    request.toolConfig = toolConfig;
  }
  const image = isImageModel(call.model);
  if (!image && typeof request.sessionId !== 'string') request.sessionId = stableSessionId(request);
  const project = call.credential.account?.project ?? call.account?.projects?.[0];
  const envelope: JsonObject = {
    model: call.model,
    userAgent: 'antigravity',
    requestType: image ? 'image_gen' : 'agent',
    ...(project ? { project } : {}),
    requestId: image ? `image_gen/${Date.now()}/${randomUUID()}/12` : `agent-${randomUUID()}`,
    request,
  };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${call.token}`,
    'user-agent': call.account?.attributes.userAgent ?? ANTIGRAVITY_USER_AGENT,
    ...call.credential.headers,
  };
  const path = call.stream ? '/v1internal:streamGenerateContent?alt=sse' : '/v1internal:generateContent';
  return { url: joinUrl(base, path), method: 'POST', headers, body: Buffer.from(JSON.stringify(envelope)) };
}
