/** Small helpers the default answers share: loose JSON access, text chunking, token estimates, schema examples. */

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Splits text into up to `count` pieces at word boundaries; joined they give the text back. */
export function splitText(text: string, count = 3): string[] {
  const words = text.match(/\s*\S+\s*/g);
  if (!words || words.length <= 1) return [text];
  const pieces: string[] = [];
  const size = Math.ceil(words.length / Math.min(count, words.length));
  for (let index = 0; index < words.length; index += size) pieces.push(words.slice(index, index + size).join(''));
  return pieces;
}

/** Splits a JSON text into about three pieces at arbitrary points, as models stream tool arguments. */
export function splitJson(text: string): string[] {
  if (text.length < 6) return [text];
  const third = Math.ceil(text.length / 3);
  return [text.slice(0, third), text.slice(third, 2 * third), text.slice(2 * third)].filter((piece) => piece.length > 0);
}

/** Roughly four characters a token, at least one. */
export function estimateTokens(text: string | Buffer): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function schemaType(schema: JsonObject): string {
  const type = schema.type;
  if (Array.isArray(type)) return String(type.find((entry) => entry !== 'null') ?? 'null').toLowerCase();
  if (typeof type === 'string') return type.toLowerCase();
  if (asObject(schema.properties)) return 'object';
  if (asObject(schema.items)) return 'array';
  return 'string';
}

/**
 * A value that fits a JSON Schema (or Gemini's OpenAPI-style schema with upper-case types): the first `enum` or
 * `const`, the first `anyOf`/`oneOf` branch, `"example"` for strings, 1 for numbers, `true` for booleans.
 * Objects get their `required` properties, or every property when `allProperties` is set.
 */
export function exampleFromSchema(schema: unknown, allProperties = false, depth = 0): unknown {
  const object = asObject(schema);
  if (!object || depth > 8) return {};
  if ('const' in object) return object.const;
  if (Array.isArray(object.enum) && object.enum.length > 0) return object.enum[0];
  const branch = asArray(object.anyOf)[0] ?? asArray(object.oneOf)[0];
  if (branch !== undefined) return exampleFromSchema(branch, allProperties, depth + 1);
  switch (schemaType(object)) {
    case 'object': {
      const properties = asObject(object.properties) ?? {};
      const required = asArray(object.required).filter((name): name is string => typeof name === 'string');
      const names = allProperties ? Object.keys(properties) : required;
      const result: JsonObject = {};
      for (const name of names) result[name] = exampleFromSchema(properties[name], allProperties, depth + 1);
      return result;
    }
    case 'array': {
      const minimum = typeof object.minItems === 'number' ? object.minItems : 0;
      return Array.from({ length: minimum }, () => exampleFromSchema(object.items, allProperties, depth + 1));
    }
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'example';
  }
}
