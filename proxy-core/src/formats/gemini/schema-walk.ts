/**
 * Structural walking of JSON Schema for the Gemini cleaner. Only real schema positions are visited:
 * keys directly under `properties`, `$defs`, … are names chosen by the tool author and are never
 * treated as keywords (a property called `format` or `properties` stays), and values such as `enum`,
 * `default` or `examples` are data, never walked.
 */
import { isRecord } from './gemini-extras.js';

export type SchemaNode = Record<string, unknown>;

/** Keys whose value is one subschema. */
export const SUBSCHEMA_KEYS = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contentSchema',
  'additionalItems',
] as const;

/** Keys whose value is a list of subschemas (`items` may also be a list: the old tuple form). */
export const SUBSCHEMA_LIST_KEYS = ['anyOf', 'oneOf', 'allOf', 'prefixItems', 'items'] as const;

/** Keys whose value maps author-chosen names to subschemas. */
export const NAME_MAP_KEYS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'] as const;

/** A copy of `node` whose direct subschemas were replaced by `visit(child)`. */
export function mapChildren(node: SchemaNode, visit: (child: unknown) => unknown): SchemaNode {
  const result: SchemaNode = { ...node };
  for (const key of SUBSCHEMA_KEYS) if (isRecord(node[key])) result[key] = visit(node[key]);
  for (const key of SUBSCHEMA_LIST_KEYS) {
    const list = node[key];
    if (Array.isArray(list)) result[key] = list.map(visit);
  }
  for (const key of NAME_MAP_KEYS) {
    const map = node[key];
    if (isRecord(map)) result[key] = Object.fromEntries(Object.entries(map).map(([name, child]) => [name, visit(child)]));
  }
  return result;
}

/** Children first, then `step` on the node (which may return a replacement). */
export function postOrder(node: unknown, step: (node: SchemaNode) => SchemaNode): unknown {
  if (!isRecord(node)) return node;
  return step(mapChildren(node, (child) => postOrder(child, step)));
}

/**
 * Adds a hint to a description: `hint` alone, or `existing (hint)`. A hint already present is not added
 * again, so cleaning twice (translator, then executor) is safe.
 */
export function mergeHint(existing: string, hint: string): string {
  if (existing === '') return hint;
  if (existing === hint || existing.startsWith(`${hint} (`) || existing.includes(`(${hint})`)) return existing;
  return `${existing} (${hint})`;
}

export function descriptionOf(node: SchemaNode): string {
  return typeof node.description === 'string' ? node.description : '';
}

export function appendHint(node: SchemaNode, hint: string): void {
  node.description = mergeHint(descriptionOf(node), hint);
}

/** The `(nullable)` marker: bare when there is no description, else appended once. */
export function appendNullableHint(node: SchemaNode): void {
  const existing = descriptionOf(node);
  if (existing.includes('(nullable)')) return;
  node.description = existing === '' ? '(nullable)' : `${existing} (nullable)`;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Union of two name lists, first-seen order, no empties. */
export function unionNames(first: readonly string[], second: readonly string[]): string[] {
  const result: string[] = [];
  for (const name of [...first, ...second]) if (name !== '' && !result.includes(name)) result.push(name);
  return result;
}

/** Fills what `target` lacks from `incoming`, recursively; never replaces an existing definition. */
export function fillMissing(target: unknown, incoming: unknown): unknown {
  if (target === undefined) return incoming;
  if (!isRecord(target) || !isRecord(incoming)) return target;
  const result: SchemaNode = { ...target };
  for (const [key, value] of Object.entries(incoming)) result[key] = fillMissing(result[key], value);
  return result;
}

/** Text of a value for a `key: value` hint (objects and arrays as JSON). */
export function hintValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
