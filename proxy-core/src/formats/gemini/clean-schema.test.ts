import { describe, expect, it } from 'vitest';
import { cleanSchemaForGemini } from './clean-schema.js';

describe('cleanSchemaForGemini (inventory §2.1)', () => {
  it('drops metadata keywords but keeps properties that are merely named like them (§6 #23)', () => {
    const cleaned = cleanSchemaForGemini({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'urn:tool',
      $comment: 'internal',
      type: 'object',
      prefill: 'x',
      properties: {
        $id: { type: 'string' },
        $comment: { type: 'string' },
        enumDescriptions: { type: 'string' },
        mode: { type: 'string', enum: ['a', 'b'], enumDescriptions: ['A', 'B'], enumTitles: ['a', 'b'] },
      },
      patternProperties: { '^x': { type: 'string' } },
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: {
        $id: { type: 'string' },
        $comment: { type: 'string' },
        enumDescriptions: { type: 'string' },
        mode: { type: 'string', enum: ['a', 'b'], description: 'Allowed: a, b' },
      },
    });
  });

  it('flattens anyOf to the most informative branch with an Accepts hint (§6 #24, Gemini variant)', () => {
    const cleaned = cleanSchemaForGemini({
      type: 'object',
      properties: { filter: { description: 'Filter', anyOf: [{ type: 'null' }, { type: 'object', properties: { kind: { type: 'string' } } }] } },
    });
    expect(cleaned.properties).toEqual({
      filter: { type: 'object', description: 'Filter (Accepts: null | object)', properties: { kind: { type: 'string' } } },
    });
  });

  it('turns nullable type arrays into the type, drops the field from required and marks it (§6 #25)', () => {
    const cleaned = cleanSchemaForGemini({
      type: 'object',
      properties: { name: { type: ['string', 'null'] }, age: { type: ['integer', 'null'], description: 'Age' }, id: { type: 'string' } },
      required: ['name', 'age', 'id'],
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: { name: { type: 'string', description: '(nullable)' }, age: { type: 'integer', description: 'Age (nullable)' }, id: { type: 'string' } },
      required: ['id'],
    });
  });

  it('keeps the first of several types with an Accepts hint', () => {
    expect(cleanSchemaForGemini({ type: ['string', 'number'] })).toEqual({ type: 'string', description: 'Accepts: string | number' });
  });

  it('promotes boolean required flags to the parent list (§6 #26)', () => {
    const cleaned = cleanSchemaForGemini({
      type: 'object',
      properties: { b: { type: 'string', required: true }, a: { type: 'string', required: true }, c: { type: 'string', required: false } },
    });
    expect(cleaned).toEqual({ type: 'object', properties: { b: { type: 'string' }, a: { type: 'string' }, c: { type: 'string' } }, required: ['a', 'b'] });
  });

  it('turns const into a one-value string enum (§6 #27, Gemini variant)', () => {
    expect(cleanSchemaForGemini({ type: 'object', properties: { kind: { const: 'InsightVizNode' } } }).properties).toEqual({
      kind: { type: 'string', enum: ['InsightVizNode'] },
    });
  });

  it('stringifies non-string enums, forces the string type and drops boolean enums with a hint', () => {
    const cleaned = cleanSchemaForGemini({
      type: 'object',
      properties: { level: { type: 'integer', enum: [1, 2, 3] }, flag: { enum: [true] }, maybe: { type: 'string', enum: ['x', null] } },
    });
    expect(cleaned.properties).toEqual({
      level: { type: 'string', enum: ['1', '2', '3'], description: 'Allowed: 1, 2, 3' },
      flag: { type: 'boolean', description: 'Allowed: true' },
      maybe: { type: 'string', enum: ['x'] },
    });
  });

  it('moves constraints and additionalProperties:false into the description', () => {
    const cleaned = cleanSchemaForGemini({
      type: 'object',
      additionalProperties: false,
      properties: {
        path: { type: 'string', description: 'File path', minLength: 1, pattern: '^/', format: 'uri', default: '/tmp' },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3, uniqueItems: true, examples: [['a']] },
      },
    });
    expect(cleaned).toEqual({
      type: 'object',
      description: 'No extra properties allowed',
      properties: {
        path: { type: 'string', description: 'File path (minLength: 1) (pattern: ^/) (format: uri) (default: /tmp)' },
        tags: { type: 'array', items: { type: 'string' }, description: 'maxItems: 3 (uniqueItems: true) (examples: [["a"]])' },
      },
    });
  });

  it('inlines local $refs, stops cycles with a See hint and hints unresolvable ones', () => {
    const cleaned = cleanSchemaForGemini({
      type: 'object',
      $defs: {
        Point: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] },
        Node: { type: 'object', description: 'A node', properties: { next: { $ref: '#/$defs/Node' } } },
      },
      properties: {
        at: { $ref: '#/$defs/Point', description: 'Where' },
        head: { $ref: '#/$defs/Node' },
        remote: { $ref: 'https://example.com/schema.json#/Thing', description: 'Remote' },
      },
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: {
        at: { type: 'object', description: 'Where', properties: { x: { type: 'number' } }, required: ['x'] },
        head: { type: 'object', description: 'A node', properties: { next: { type: 'object', description: 'A node (See: Node)' } } },
        remote: { type: 'object', description: 'Remote (See: Thing)' },
      },
    });
  });

  it('merges allOf (required unioned, gaps filled) and then/else properties', () => {
    const cleaned = cleanSchemaForGemini({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
      allOf: [{ properties: { b: { type: 'number' } }, required: ['b'] }, { properties: { a: { type: 'integer' } } }],
      if: { properties: { a: { const: 'x' } } },
      then: { properties: { c: { type: 'boolean' } } },
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number' }, c: { type: 'boolean' } },
      required: ['a', 'b'],
    });
  });

  it('merges union branches into an object parent instead of replacing it', () => {
    const cleaned = cleanSchemaForGemini({
      type: 'object',
      properties: { a: { type: 'string' } },
      oneOf: [{ properties: { b: { type: 'string' } } }, { type: 'null' }],
    });
    expect(cleaned).toEqual({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } });
  });

  it('projects integer exclusive bounds and hints non-integer ones', () => {
    const cleaned = cleanSchemaForGemini({
      type: 'object',
      properties: { count: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 }, ratio: { type: 'number', exclusiveMinimum: 0 } },
    });
    expect(cleaned.properties).toEqual({
      count: { type: 'integer', minimum: 1, maximum: 9 },
      ratio: { type: 'number', minimum: 0, description: 'exclusiveMinimum: 0' },
    });
  });

  it('repairs MCP schemas: bare property maps are wrapped and arrays get items', () => {
    expect(cleanSchemaForGemini({ workspace: { type: 'string' }, ids: { type: 'array' } })).toEqual({
      type: 'object',
      properties: { workspace: { type: 'string' }, ids: { type: 'array', items: { type: 'string' } } },
    });
  });

  it('removes x-* extensions, title, nullable, placeholder properties and dangling required names', () => {
    const cleaned = cleanSchemaForGemini({
      type: 'object',
      title: 'Args',
      'x-google-enum-descriptions': ['a'],
      properties: {
        _: { type: 'boolean' },
        'x-name': { type: 'string', nullable: true, 'x-internal': true },
        properties: { type: 'object', properties: { format: { type: 'string', format: 'date' } } },
      },
      required: ['_', 'missing', 'x-name'],
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: {
        'x-name': { type: 'string' },
        properties: { type: 'object', properties: { format: { type: 'string', description: 'format: date' } } },
      },
      required: ['x-name'],
    });
  });

  it('removes the VALIDATED-mode reason placeholder', () => {
    const cleaned = cleanSchemaForGemini({
      type: 'object',
      properties: { reason: { type: 'string', description: 'Brief explanation of why you are calling this tool' } },
      required: ['reason'],
    });
    expect(cleaned).toEqual({ type: 'object', properties: {} });
  });

  it('is idempotent and never mutates its input', () => {
    const input = {
      type: 'object',
      properties: { mode: { enum: ['a', 'b'], description: 'Mode' }, value: { type: ['string', 'null'], minLength: 2 } },
      required: ['mode', 'value'],
      additionalProperties: false,
    };
    const snapshot = structuredClone(input);
    const once = cleanSchemaForGemini(input);
    expect(input).toEqual(snapshot);
    expect(cleanSchemaForGemini(once)).toEqual(once);
  });

  it('leaves whole request documents alone', () => {
    const document = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], title: 'x' };
    expect(cleanSchemaForGemini(document)).toEqual(document);
  });
});
