import { describe, expect, it } from 'vitest';
import { cleanSchemaForGemini } from './clean-schema.js';
import { createSchemaCache } from './schema-cache.js';
import { encodeRequest } from './encode-request.js';
import { createGeminiFormat } from './index.js';
import type { IrRequest, JsonSchema } from '../../ir/index.js';
import { claudeMessagesFormat } from '../claude-messages/index.js';

const schema = (name: string): JsonSchema => ({
  type: 'object',
  properties: { [name]: { type: 'string', enum: ['a', 'b'], minLength: 1 }, mode: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
  required: [name],
  additionalProperties: false,
  $schema: 'http://json-schema.org/draft-07/schema#',
});

function counting() {
  const calls: JsonSchema[] = [];
  return { calls, clean: (input: JsonSchema) => (calls.push(input), cleanSchemaForGemini(input)) };
}

describe('schema cache', () => {
  it('cleans a schema once and answers the same schema sent again (a new object each turn) from the cache', () => {
    const cleaner = counting();
    const cache = createSchemaCache({ clean: cleaner.clean });
    const first = cache.clean(schema('path'));
    const second = cache.clean(schema('path'));
    expect(cleaner.calls).toHaveLength(1);
    expect(second).toEqual(cleanSchemaForGemini(schema('path')));
    expect(first).toEqual(second);
    expect(second).toEqual({
      type: 'object',
      properties: { path: { type: 'string', enum: ['a', 'b'], description: 'Allowed: a, b (minLength: 1)' }, mode: { type: 'string', description: 'Accepts: string | null' } },
      required: ['path'],
      description: 'No extra properties allowed',
    });
  });

  it('cleans a different schema (a miss) and keeps both', () => {
    const cleaner = counting();
    const cache = createSchemaCache({ clean: cleaner.clean });
    cache.clean(schema('path'));
    const other = cache.clean(schema('file'));
    expect(cleaner.calls).toHaveLength(2);
    expect(Object.keys(other.properties as object)).toEqual(['file', 'mode']);
    expect(cache.size).toBe(2);
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cleaner = counting();
    const cache = createSchemaCache({ clean: cleaner.clean, maxEntries: 2 });
    cache.clean(schema('a'));
    cache.clean(schema('b'));
    cache.clean(schema('a')); // a is now the most recent
    cache.clean(schema('c')); // evicts b
    expect(cache.size).toBe(2);
    expect(cleaner.calls).toHaveLength(3);
    cache.clean(schema('a'));
    expect(cleaner.calls).toHaveLength(3);
    cache.clean(schema('b'));
    expect(cleaner.calls).toHaveLength(4);
    expect(cache.size).toBe(2);
  });

  it('never lets one request see changes another request made to its cleaned schema', () => {
    const cache = createSchemaCache({ clean: cleanSchemaForGemini });
    const first = cache.clean(schema('path'));
    (first.properties as Record<string, Record<string, unknown>>).path.description = 'changed by request 1';
    first.extra = true;
    const second = cache.clean(schema('path'));
    expect(second).toEqual(cleanSchemaForGemini(schema('path')));
    expect(second).not.toBe(first);
  });

  it('does not keep schemas longer than maxKeyLength', () => {
    const cleaner = counting();
    const cache = createSchemaCache({ clean: cleaner.clean, maxKeyLength: 10 });
    cache.clean(schema('path'));
    cache.clean(schema('path'));
    expect(cleaner.calls).toHaveLength(2);
    expect(cache.size).toBe(0);
  });

  it('gives the cached Gemini format byte-identical bodies to the plain encoder, turn after turn', () => {
    const format = createGeminiFormat();
    const request = (): IrRequest =>
      claudeMessagesFormat.decodeRequest({
        model: 'claude-sonnet-4-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hi' }],
        tools: [{ name: 'Read', description: 'Reads', input_schema: schema('path') }],
      });
    const plain = JSON.stringify(encodeRequest(request(), { model: 'gemini-2.5-pro', stream: false }));
    expect(plain).toContain('"parametersJsonSchema":{"type":"object","properties":{"path":{"type":"string","enum":["a","b"],"description":"Allowed: a, b (minLength: 1)"}');
    expect(JSON.stringify(format.encodeRequest(request(), { model: 'gemini-2.5-pro', stream: false }))).toBe(plain);
    expect(JSON.stringify(format.encodeRequest(request(), { model: 'gemini-2.5-pro', stream: false }))).toBe(plain);
  });
});
