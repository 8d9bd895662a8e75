/**
 * Phase 0 (repairing malformed MCP schemas) and `$ref` handling for the Gemini cleaner.
 *
 * `$ref`: local references (`#/$defs/X`, `#/definitions/X`, any JSON pointer) are inlined before `$defs`
 * are deleted, so the model still sees the structure; sibling keywords override the definition. A cycle
 * (or an expansion past the budget) stops as `{type, description: "… (See: X)"}`, and a reference that
 * cannot be resolved becomes `{type:"object", description:"See: X"}` (inventory §2.1).
 */
import { isRecord } from './gemini-extras.js';
import { appendHint, descriptionOf, mapChildren, mergeHint, type SchemaNode, stringList, unionNames } from './schema-walk.js';

/** Keys whose object values are schema machinery, not bare property definitions. */
const KEYWORDS_WITH_OBJECT_VALUES = new Set([
  'properties', 'patternProperties', 'additionalProperties', 'items', 'prefixItems', '$defs', 'definitions',
  'dependentSchemas', 'dependentRequired', 'dependencies', 'if', 'then', 'else', 'not', 'contains', 'propertyNames',
  'unevaluatedProperties', 'unevaluatedItems', 'contentSchema', 'additionalItems', 'default', 'const', 'example',
  'examples', 'discriminator', 'xml', 'externalDocs', 'enumDescriptions', 'enumTitles',
]);

function declaresNonObjectType(type: unknown): boolean {
  if (typeof type === 'string') return type !== '' && type !== 'object';
  if (Array.isArray(type)) return type.length > 0 && !type.includes('object');
  return false;
}

function declaresArrayType(type: unknown): boolean {
  return type === 'array' || (Array.isArray(type) && type.includes('array'));
}

/** A property map with boolean `required` flags lifted out: `true` names are returned for the parent. */
function liftRequiredFlags(properties: SchemaNode): { properties: SchemaNode; promoted: string[] } {
  const promoted: string[] = [];
  const result: SchemaNode = {};
  for (const [name, child] of Object.entries(properties)) {
    if (isRecord(child) && typeof child.required === 'boolean') {
      const { required, ...rest } = child;
      if (required) promoted.push(name);
      result[name] = rest;
    } else {
      result[name] = child;
    }
  }
  return { properties: result, promoted: promoted.sort() };
}

/**
 * Phase 0: bare property maps get wrapped as `properties` (of an `object`), boolean `required` on a
 * property is promoted to the parent's `required` list, and arrays without `items` get string items
 * (Gemini rejects array schemas without them).
 */
export function repairSchema(node: unknown): unknown {
  if (!isRecord(node)) return node;
  let result: SchemaNode = { ...node };
  if (!declaresNonObjectType(result.type)) {
    const bare = Object.entries(result).filter(([key, value]) => isRecord(value) && !KEYWORDS_WITH_OBJECT_VALUES.has(key) && !key.startsWith('x-'));
    if (bare.length > 0) {
      for (const [key] of bare) delete result[key];
      const existing = isRecord(result.properties) ? result.properties : undefined;
      result.properties = { ...existing, ...Object.fromEntries(bare) };
      if (!existing && result.type === undefined) result.type = 'object';
    }
  }
  if (isRecord(result.properties)) {
    const { properties, promoted } = liftRequiredFlags(result.properties);
    result.properties = properties;
    if (promoted.length > 0) result.required = unionNames(stringList(result.required), promoted);
  }
  if (declaresArrayType(result.type) && result.items === undefined) result.items = { type: 'string' };
  result = mapChildren(result, repairSchema);
  return result;
}

/** Whole request documents are never cleaned (cleaning one once corrupted tool-call arguments upstream). */
export function isRequestDocument(node: SchemaNode): boolean {
  for (const key of ['tools', 'contents', 'messages', 'functionDeclarations', 'function_declarations']) {
    if (Array.isArray(node[key])) return true;
  }
  return isRecord(node.request) && isRequestDocument(node.request);
}

export function refName(ref: string): string {
  const slash = ref.lastIndexOf('/');
  const name = slash >= 0 && slash + 1 < ref.length ? ref.slice(slash + 1) : ref;
  return name.replaceAll('~1', '/').replaceAll('~0', '~');
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  let current = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      const index = Number(key);
      current = Number.isInteger(index) ? current[index] : undefined;
    } else if (isRecord(current)) {
      current = Object.hasOwn(current, key) ? current[key] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

function cyclicFallback(node: SchemaNode, target: unknown, ref: string): SchemaNode {
  const result: SchemaNode = {};
  if (isRecord(target)) for (const key of ['type', 'nullable', 'description']) if (target[key] !== undefined) result[key] = target[key];
  for (const [key, value] of Object.entries(node)) if (key !== '$ref') result[key] = value;
  appendHint(result, `See: ${refName(ref)}`);
  return result;
}

/** Inlines local `$ref`s against the root schema (at most `budget` expansions in all). */
export function inlineLocalRefs(root: SchemaNode, budget = 200): SchemaNode {
  let remaining = budget;
  const resolve = (value: unknown, active: ReadonlySet<string>): unknown => {
    if (!isRecord(value)) return value;
    const ref = value.$ref;
    if (typeof ref === 'string' && (ref === '#' || ref.startsWith('#/'))) {
      const target = resolvePointer(root, ref);
      if (isRecord(target)) {
        if (active.has(ref) || remaining <= 0) return cyclicFallback(mapChildren(value, (child) => resolve(child, active)), target, ref);
        remaining -= 1;
        const inner = new Set(active).add(ref);
        const expanded = resolve(target, inner) as SchemaNode;
        const siblings = mapChildren(value, (child) => resolve(child, active));
        const result: SchemaNode = { ...expanded };
        for (const [key, sibling] of Object.entries(siblings)) if (key !== '$ref') result[key] = sibling;
        return result;
      }
    }
    return mapChildren(value, (child) => resolve(child, active));
  };
  return resolve(root, new Set(['#'])) as SchemaNode;
}

/** A `$ref` that is still there (external or unresolvable) becomes an object with a `See: X` hint. */
export function refToHint(node: SchemaNode): SchemaNode {
  if (typeof node.$ref !== 'string') return node;
  return { type: 'object', description: mergeHint(descriptionOf(node), `See: ${refName(node.$ref)}`) };
}
