/**
 * Makes one tool's JSON Schema acceptable to Gemini (inventory §2.1, the reference's Gemini cleaner).
 * Unsupported keywords are not just deleted: what they said moves into the description as hints
 * (`Allowed: a, b`, `pattern: ^x`, `No extra properties allowed`, `See: Foo`, `Accepts: string | number`),
 * unions are flattened to their most informative branch, `type: [t, "null"]` becomes `t` and leaves
 * `required`, and local `$ref`s are inlined. Apply it to a single schema, never to a whole request.
 * Pure: the input is not changed; cleaning twice gives the same result.
 */
import type { JsonSchema } from '../../ir/index.js';
import { isRecord } from './gemini-extras.js';
import { inlineLocalRefs, isRequestDocument, refToHint, repairSchema } from './clean-schema-refs.js';
import {
  appendHint,
  appendNullableHint,
  descriptionOf,
  fillMissing,
  hintValue,
  postOrder,
  type SchemaNode,
  stringList,
  unionNames,
} from './schema-walk.js';

/** Constraints Gemini does not take: moved into the description as `key: value`, then deleted. */
const CONSTRAINTS = ['minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'uniqueItems', 'contains', 'format', 'default', 'examples'];

const UNSUPPORTED = new Set([
  ...CONSTRAINTS,
  '$schema', '$defs', 'definitions', 'const', '$ref', '$id', 'additionalProperties', 'propertyNames', 'patternProperties',
  'if', 'then', 'else', '$comment', 'enumDescriptions', 'enumTitles', 'prefill', 'deprecated', 'encrypted',
  // Gemini-specific metadata removal.
  'nullable', 'title',
]);

const PLACEHOLDER_REASON = 'Brief explanation of why you are calling this tool';

// ---------------------------------------------------------------- phase 1: values → hints

function projectBound(value: number, maximum: boolean): number {
  return maximum ? Math.floor(value) - (Number.isInteger(value) ? 1 : 0) : Math.floor(value) + 1;
}

function setStricterBound(node: SchemaNode, key: 'minimum' | 'maximum', value: number): void {
  const existing = node[key];
  if (typeof existing === 'number' && (key === 'maximum' ? value >= existing : value <= existing)) return;
  node[key] = value;
}

/** `exclusiveMinimum/Maximum` → inclusive bounds (exact for integers), with a hint where it is not exact. */
function projectExclusiveBounds(node: SchemaNode): void {
  for (const key of ['exclusiveMinimum', 'exclusiveMaximum'] as const) {
    if (!(key in node)) continue;
    const value = node[key];
    const maximum = key === 'exclusiveMaximum';
    const inclusive = maximum ? 'maximum' : 'minimum';
    const integer = node.type === 'integer';
    if (typeof value === 'number' && integer) {
      setStricterBound(node, inclusive, projectBound(value, maximum));
    } else if (typeof value === 'number') {
      setStricterBound(node, inclusive, value);
      appendHint(node, `${key}: ${value}`);
    } else if (value === true) {
      // Draft-04: exclusivity is a flag on minimum/maximum.
      const bound = node[inclusive];
      if (integer && typeof bound === 'number') node[inclusive] = projectBound(bound, maximum);
      else if (bound !== undefined) appendHint(node, `${key}: true`);
    }
    delete node[key];
  }
}

function isBooleanEnum(node: SchemaNode, values: readonly unknown[]): boolean {
  return node.type === 'boolean' || (values.length > 0 && values.every((value) => typeof value === 'boolean'));
}

/** const → enum, enum values → strings (type forced to string), `Allowed:` hints, boolean enums dropped. */
function convertEnums(node: SchemaNode): void {
  if ('const' in node && node.enum === undefined) node.enum = [node.const];
  if (!Array.isArray(node.enum)) return;
  const values = node.enum as unknown[];
  if (isBooleanEnum(node, values)) {
    if (node.type === undefined) node.type = 'boolean';
    if (values.length === 1) appendHint(node, `Allowed: ${hintValue(values[0])}`);
    delete node.enum;
    return;
  }
  // `null` is not a value Gemini can enumerate (the field being optional says the same).
  const strings = values.filter((value) => value !== null).map(hintValue);
  if (strings.length === 0) {
    delete node.enum;
    return;
  }
  node.enum = strings;
  node.type = 'string';
  if (strings.length >= 2 && strings.length <= 10) appendHint(node, `Allowed: ${strings.join(', ')}`);
}

function valuesToHints(input: SchemaNode): SchemaNode {
  const node = refToHint(input);
  if (node !== input) return node;
  const result: SchemaNode = { ...node };
  projectExclusiveBounds(result);
  convertEnums(result);
  if (result.additionalProperties === false) appendHint(result, 'No extra properties allowed');
  for (const key of CONSTRAINTS) if (key in result && result[key] !== undefined) appendHint(result, `${key}: ${hintValue(result[key])}`);
  return result;
}

// ---------------------------------------------------------------- phase 2: flatten

function mergeConditionals(node: SchemaNode): void {
  for (const key of ['then', 'else']) {
    const branch = node[key];
    if (!isRecord(branch) || !isRecord(branch.properties)) continue;
    const properties: SchemaNode = isRecord(node.properties) ? { ...node.properties } : {};
    for (const [name, schema] of Object.entries(branch.properties)) if (properties[name] === undefined) properties[name] = schema;
    node.properties = properties;
  }
}

function mergeAllOf(node: SchemaNode): void {
  if (!Array.isArray(node.allOf)) return;
  const items = node.allOf;
  delete node.allOf;
  for (const item of items) {
    if (!isRecord(item)) continue;
    for (const [key, value] of Object.entries(item)) {
      if (key === 'required') {
        if (Array.isArray(value)) node.required = unionNames(stringList(node.required), stringList(value));
      } else if (!['if', 'then', 'else', 'allOf'].includes(key)) {
        node[key] = fillMissing(node[key], value);
      }
    }
  }
}

function branchType(branch: unknown): { score: number; type: string } {
  if (!isRecord(branch)) return { score: 0, type: '' };
  const type = typeof branch.type === 'string' ? branch.type : '';
  if (type === 'object' || branch.properties !== undefined) return { score: 3, type: type || 'object' };
  if (type === 'array' || branch.items !== undefined) return { score: 2, type: type || 'array' };
  if (type !== '' && type !== 'null') return { score: 1, type };
  return { score: 0, type };
}

/** anyOf/oneOf: merged into an object parent, else the best branch replaces the node. */
function flattenUnion(node: SchemaNode, key: 'anyOf' | 'oneOf'): SchemaNode {
  const branches = node[key];
  if (!Array.isArray(branches) || branches.length === 0) return node;
  const hasNull = branches.some((branch) => isRecord(branch) && branch.type === 'null');
  if (isRecord(node.properties)) {
    let properties: SchemaNode = node.properties;
    for (const branch of branches) {
      if (isRecord(branch) && isRecord(branch.properties)) properties = fillMissing(properties, branch.properties) as SchemaNode;
    }
    const result: SchemaNode = { ...node, properties };
    if (hasNull) result.nullable = true;
    delete result[key];
    return result;
  }
  let best = 0;
  let bestScore = -1;
  const types: string[] = [];
  branches.forEach((branch, index) => {
    const { score, type } = branchType(branch);
    if (type !== '') types.push(type);
    if (score > bestScore) [best, bestScore] = [index, score];
  });
  const chosen = branches[best];
  const selected: SchemaNode = isRecord(chosen) ? { ...chosen } : {};
  if (hasNull && selected.type !== 'null') selected.nullable = true;
  const parentDescription = descriptionOf(node);
  const childDescription = descriptionOf(selected);
  if (parentDescription !== '' && childDescription !== parentDescription) {
    selected.description = childDescription === '' ? parentDescription : `${parentDescription} (${childDescription})`;
  }
  if (types.length > 1) appendHint(selected, `Accepts: ${types.join(' | ')}`);
  return selected;
}

/** `type: [a, b, "null"]` → `a`; reports whether null was allowed (for the parent's `required`). */
function flattenTypeArray(node: SchemaNode): boolean {
  if (!Array.isArray(node.type) || node.type.length === 0) return false;
  const names = node.type.filter((type): type is string => typeof type === 'string');
  const nonNull = names.filter((type) => type !== 'null' && type !== '');
  node.type = nonNull[0] ?? 'string';
  if (nonNull.length > 1) appendHint(node, `Accepts: ${nonNull.join(' | ')}`);
  return names.includes('null');
}

// ---------------------------------------------------------------- phase 3: delete what Gemini rejects

function removeUnsupported(node: SchemaNode): SchemaNode {
  const result: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) if (!UNSUPPORTED.has(key) && !key.startsWith('x-')) result[key] = value;
  if (isRecord(result.properties)) {
    const properties: SchemaNode = { ...result.properties };
    let dropped: string[] = [];
    if ('_' in properties) {
      delete properties._;
      dropped.push('_');
    }
    const reason = properties.reason;
    if (Object.keys(properties).length === 1 && isRecord(reason) && reason.description === PLACEHOLDER_REASON) {
      delete properties.reason;
      dropped = [...dropped, 'reason'];
    }
    result.properties = properties;
    if (dropped.length > 0) result.required = stringList(result.required).filter((name) => !dropped.includes(name));
  }
  if (result.required !== undefined) {
    const properties = isRecord(result.properties) ? result.properties : undefined;
    const required = properties ? stringList(result.required).filter((name) => Object.hasOwn(properties, name)) : [];
    if (required.length > 0) result.required = required;
    else delete result.required;
  }
  return result;
}

// ---------------------------------------------------------------- the cleaner

export function cleanSchemaForGemini(schema: JsonSchema): JsonSchema {
  if (!isRecord(schema) || isRequestDocument(schema)) return schema;
  const repaired = inlineLocalRefs(repairSchema(schema) as SchemaNode);
  const hinted = postOrder(repaired, valuesToHints) as SchemaNode;
  const nullableByType = new WeakSet<object>();
  const flattened = postOrder(hinted, (input) => {
    let node: SchemaNode = { ...input };
    mergeConditionals(node);
    mergeAllOf(node);
    node = flattenUnion(flattenUnion(node, 'anyOf'), 'oneOf');
    if (flattenTypeArray(node)) nullableByType.add(node);
    if (isRecord(node.properties)) {
      const nullable: string[] = [];
      const properties: SchemaNode = {};
      for (const [name, child] of Object.entries(node.properties)) {
        if (isRecord(child) && nullableByType.has(child)) {
          const marked = { ...child };
          appendNullableHint(marked);
          properties[name] = marked;
          nullable.push(name);
        } else {
          properties[name] = child;
        }
      }
      node.properties = properties;
      if (nullable.length > 0 && Array.isArray(node.required)) node.required = stringList(node.required).filter((name) => !nullable.includes(name));
    }
    return node;
  }) as SchemaNode;
  return postOrder(flattened, removeUnsupported) as JsonSchema;
}
