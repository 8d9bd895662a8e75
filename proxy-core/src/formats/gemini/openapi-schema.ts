/**
 * Gemini's `parameters` and `responseSchema` use Google's OpenAPI-3.0 subset (`type: "STRING"`,
 * `nullable: true`). The IR carries JSON Schema, so decoding lower-cases types and turns `nullable` into a
 * `null` member of the type (inventory §2.10: "every type value is lower-cased"). Everything else is kept.
 */
import type { JsonSchema } from '../../ir/index.js';
import { isRecord } from './gemini-extras.js';

const SUBSCHEMA_KEYS = ['items', 'additionalProperties', 'not'] as const;
const SUBSCHEMA_LIST_KEYS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;
const NAME_MAP_KEYS = ['properties', '$defs', 'definitions'] as const;

function convert(node: unknown): unknown {
  if (!isRecord(node)) return node;
  const result: Record<string, unknown> = { ...node };
  if (typeof node.type === 'string') {
    const type = node.type.toLowerCase();
    result.type = type === 'type_unspecified' ? undefined : type;
    if (result.type === undefined) delete result.type;
  }
  if (node.nullable === true) {
    delete result.nullable;
    if (typeof result.type === 'string' && result.type !== 'null') result.type = [result.type, 'null'];
  } else if (node.nullable === false) {
    delete result.nullable;
  }
  for (const key of SUBSCHEMA_KEYS) if (isRecord(node[key])) result[key] = convert(node[key]);
  for (const key of SUBSCHEMA_LIST_KEYS) {
    const list = node[key];
    if (Array.isArray(list)) result[key] = list.map(convert);
  }
  for (const key of NAME_MAP_KEYS) {
    const map = node[key];
    if (isRecord(map)) result[key] = Object.fromEntries(Object.entries(map).map(([name, schema]) => [name, convert(schema)]));
  }
  return result;
}

/** Google OpenAPI schema → JSON Schema (a new object; the input is not changed). */
export function openApiToJsonSchema(schema: Record<string, unknown>): JsonSchema {
  return convert(schema) as JsonSchema;
}
