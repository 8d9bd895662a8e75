/**
 * Remembers cleaned tool schemas. Coding clients resend the same tools on every turn (Claude Code: ~24 tools
 * with deep schemas, several requests a second), and cleaning them for Gemini is the dearest step of a
 * translation. The key is the schema's own JSON text, so two schemas share an entry only when they are
 * identical; entries hold the cleaned schema as JSON text and every hit is parsed afresh, so no request can
 * see (or change) another request's objects. Bounded: the least recently used entry goes first.
 */
import type { JsonSchema } from '../../ir/index.js';

export interface SchemaCache {
  /** `clean(schema)`, from the cache when this exact schema was cleaned before. */
  clean(schema: JsonSchema): JsonSchema;
  readonly size: number;
}

export interface SchemaCacheOptions {
  clean(schema: JsonSchema): JsonSchema;
  /** Most entries kept (default 256: a few clients' tool lists). */
  maxEntries?: number;
  /** Schemas whose JSON text is longer than this are cleaned every time (default 64 KB). */
  maxKeyLength?: number;
}

export function createSchemaCache(options: SchemaCacheOptions): SchemaCache {
  const maxEntries = options.maxEntries ?? 256;
  const maxKeyLength = options.maxKeyLength ?? 65_536;
  const entries = new Map<string, string>();
  return {
    clean(schema) {
      if (schema === null || typeof schema !== 'object') return options.clean(schema);
      const key = JSON.stringify(schema);
      if (key.length > maxKeyLength) return options.clean(schema);
      const hit = entries.get(key);
      if (hit !== undefined) {
        // Most recently used last (Map keeps insertion order).
        entries.delete(key);
        entries.set(key, hit);
        return JSON.parse(hit) as JsonSchema;
      }
      const cleaned = options.clean(schema);
      const text = JSON.stringify(cleaned);
      if (text === undefined) return cleaned;
      entries.set(key, text);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return JSON.parse(text) as JsonSchema;
    },
    get size() {
      return entries.size;
    },
  };
}
