/**
 * Two fields a Gemini body may carry that Gemini (and Code Assist inside its envelope) cannot take, fixed
 * the same way for every Gemini-dialect upstream (inventory-providers §8, the seed troubleshooting quirks):
 *  - `thinkingConfig` with both `includeThoughts` and `include_thoughts` (one proto field twice): both are
 *    deleted and exactly one camelCase `includeThoughts` is restored from whichever the client sent
 *    (camelCase checked first); only true/false survive, and never `true` next to thinking that is off
 *    (budget 0, no level);
 *  - `defer_loading` / `deferLoading` (Claude's Tool Search beta) on any tool block, at any depth, but not
 *    inside a function's parameter or response schema, where such a name is the user's own property
 *    (Gemini answers 400 to the tool field).
 *
 * The IR encoder never writes either; this is for bodies a Gemini client wrote itself. The passthrough path
 * is hot and promises bytes as they came, so every function here returns its input itself (the same object,
 * the same buffer) when no rule changed anything, and copies only what it changes.
 */
import { isRecord } from '../shared/extras.js';

type JsonObject = Record<string, unknown>;

const DEFER_KEYS: ReadonlySet<string> = new Set(['defer_loading', 'deferLoading']);
/** Keys whose value is a JSON schema: its property names are the user's, never tool fields. */
const SCHEMA_KEYS: ReadonlySet<string> = new Set([
  'parameters',
  'parametersJsonSchema',
  'parameters_json_schema',
  'response',
  'responseJsonSchema',
  'response_json_schema',
]);

/** A tool block (or any value inside one) without `defer_loading` / `deferLoading`; the same value when it had none. */
export function withoutDeferLoading<T>(value: T): T {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const cleaned = withoutDeferLoading(item);
      if (cleaned !== item) (copy ??= [...value])[index] = cleaned;
    });
    return (copy ?? value) as T;
  }
  if (!isRecord(value)) return value;
  let result: JsonObject | undefined;
  for (const key in value) {
    if (DEFER_KEYS.has(key)) {
      result ??= { ...value };
      delete result[key];
      continue;
    }
    const inner = value[key];
    if (SCHEMA_KEYS.has(key) || inner === null || typeof inner !== 'object') continue;
    const cleaned = withoutDeferLoading(inner);
    if (cleaned !== inner) {
      result ??= { ...value };
      result[key] = cleaned;
    }
  }
  return (result ?? value) as T;
}

/** A `thinkingConfig` with one camelCase `includeThoughts` (see the module comment); the same object when it needed nothing. */
export function normalizeThinkingConfig(config: JsonObject): JsonObject {
  const camel = config.includeThoughts;
  const snake = config.include_thoughts;
  if (camel === undefined && snake === undefined) return config;
  const include = typeof camel === 'boolean' ? camel : typeof snake === 'boolean' ? snake : undefined;
  const budget = config.thinkingBudget ?? config.thinking_budget;
  const level = config.thinkingLevel ?? config.thinking_level;
  const off = budget === 0 && (level === undefined || level === null || level === '');
  const keep = include !== undefined && !(off && include);
  if (keep && snake === undefined && camel === include) return config;
  const result = { ...config };
  delete result.includeThoughts;
  delete result.include_thoughts;
  if (keep) result.includeThoughts = include;
  return result;
}

function sanitizeGenerationConfig(config: JsonObject): JsonObject {
  let result: JsonObject | undefined;
  for (const key of ['thinkingConfig', 'thinking_config']) {
    const inner = config[key];
    if (!isRecord(inner)) continue;
    const normalized = normalizeThinkingConfig(inner);
    if (normalized !== inner) (result ??= { ...config })[key] = normalized;
  }
  return result ?? config;
}

/**
 * A Gemini request (`generateContent` body, or a `countTokens` body with `generateContentRequest`) with the
 * two quirks fixed. Returns the same object when nothing needed fixing, otherwise a new one.
 */
export function sanitizeGeminiRequest(body: JsonObject): JsonObject {
  let result: JsonObject | undefined;
  const set = (key: string, value: unknown) => ((result ??= { ...body })[key] = value);
  for (const key of ['generationConfig', 'generation_config']) {
    const config = body[key];
    if (!isRecord(config)) continue;
    const sanitized = sanitizeGenerationConfig(config);
    if (sanitized !== config) set(key, sanitized);
  }
  if (Array.isArray(body.tools)) {
    const tools = withoutDeferLoading(body.tools);
    if (tools !== body.tools) set('tools', tools);
  }
  const nested = body.generateContentRequest;
  if (isRecord(nested)) {
    const sanitized = sanitizeGeminiRequest(nested);
    if (sanitized !== nested) set('generateContentRequest', sanitized);
  }
  return result ?? body;
}

/**
 * A Gemini client's own bytes for a Gemini-dialect upstream, fixed only when needed. `body` is the same
 * bytes already parsed (the route parses every body once), so the check walks only `generationConfig` and
 * `tools` (not their schemas), never the conversation; a body that needs nothing goes out as the very
 * same buffer.
 */
export function passthroughBody(raw: Buffer, body: JsonObject): Buffer {
  const sanitized = sanitizeGeminiRequest(body);
  return sanitized === body ? raw : Buffer.from(JSON.stringify(sanitized));
}
