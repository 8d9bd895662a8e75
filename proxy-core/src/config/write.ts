/**
 * Changing config.yaml without losing what the user wrote: edits go through the `yaml` Document API, so
 * comments, key order, quoting and keys this app does not know survive. Saving is `writeFileAtomic`.
 */
import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError } from './config-error.js';
import { parseConfigText, type LoadedConfig, type ParseConfigOptions } from './load.js';
import { describeValue } from './describe-issue.js';
import { dottedKey, keyText } from './yaml-locate.js';
import { syntaxProblem } from './yaml-syntax.js';

export { writeFileAtomic, type AtomicWriteFileSystem, type WriteFileAtomicOptions, type WriteResult } from './write-file-atomic.js';

export interface ConfigChange {
  /** Key path, e.g. `['routing', 'strategy']` or `['gemini-api-key', 0, 'api-key']`. */
  path: Array<string | number>;
  /** The new value; `undefined` deletes the key (or list entry). */
  value: unknown | undefined;
}

type Collection = Extract<Node, { items: unknown[] }>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
}

/** The pair for a mapping key, matched by its text so `8317:` and `"8317":` are the same key. */
function findPair(collection: Collection, key: string | number): { key: unknown; value: unknown } | undefined {
  return (collection.items as Array<{ key: unknown; value: unknown }>).find((item) => keyText(item.key) === String(key));
}

/** The node at `collection[key]`: numbers index lists, strings name mapping keys. */
function childOf(collection: Collection, key: string | number): unknown {
  if (isSeq(collection)) return typeof key === 'number' ? collection.items[key] : undefined;
  return findPair(collection, key)?.value;
}

/** The key to pass to `set`/`delete`: the existing key node (so the pair is updated in place) or the new key. */
function mapKey(collection: Collection, key: string | number): unknown {
  if (isSeq(collection)) return key;
  return findPair(collection, key)?.key ?? key;
}

/**
 * Sets `value` at `collection[key]`, reusing the existing node where the shapes match so comments on that
 * node and on its untouched children stay where they are.
 */
function assign(document: Document, collection: Collection, key: string | number, value: unknown): void {
  const current = childOf(collection, key);
  const nodeKey = mapKey(collection, key);
  if (isScalar(current) && isPrimitive(value)) {
    const keepsQuoting = typeof current.value === 'string' && typeof value === 'string';
    current.value = value;
    current.format = undefined;
    if (!keepsQuoting) current.type = undefined;
    return;
  }
  if (isMap(current) && isPlainObject(value)) {
    for (const pair of [...current.items]) {
      const existing = keyText(pair.key);
      if (existing !== undefined && !(existing in value)) current.delete(pair.key);
    }
    for (const [childKey, childValue] of Object.entries(value)) {
      if (childValue === undefined) current.delete(mapKey(current, childKey));
      else assign(document, current, childKey, childValue);
    }
    return;
  }
  if (isSeq(current) && Array.isArray(value)) {
    value.forEach((item, index) => {
      if (index < current.items.length) assign(document, current, index, item);
      else current.items.push(document.createNode(item));
    });
    current.items.splice(value.length);
    return;
  }
  (collection as { set(key: unknown, value: unknown): void }).set(nodeKey, document.createNode(value));
}

/** Walks to the parent of the last path segment, turning missing or empty parents into mappings or lists. */
function parentFor(document: Document, path: ReadonlyArray<string | number>, create: boolean): Collection | undefined {
  if (!isCollection(document.contents)) {
    if (!create) return undefined;
    document.contents = document.createNode(typeof path[0] === 'number' ? [] : {}) as never;
  }
  let collection = document.contents as Collection;
  for (let index = 0; index < path.length - 1; index += 1) {
    const segment = path[index];
    let child = childOf(collection, segment);
    if (!isCollection(child)) {
      if (!create) return undefined;
      if (child !== undefined && child !== null && !(isScalar(child) && (child.value === null || child.value === ''))) {
        throw new TypeError(
          `cannot set ${dottedKey(path)}: ${dottedKey(path.slice(0, index + 1))} holds ${describeValue(isScalar(child) ? child.value : child)}, not settings`,
        );
      }
      child = document.createNode(typeof path[index + 1] === 'number' ? [] : {});
      if (isSeq(collection) && typeof segment === 'number' && segment >= collection.items.length) collection.items.push(child);
      else (collection as { set(key: unknown, value: unknown): void }).set(mapKey(collection, segment), child);
    }
    collection = child as Collection;
  }
  return collection;
}

/** Keep the file's own list style (`key:\n- a` vs `key:\n  - a`) and line endings. */
function formatOptions(text: string): { indentSeq: boolean; crlf: boolean } {
  return {
    indentSeq: !/^( *)[^\s#-][^\n]*:[ \t]*(#[^\n]*)?\r?\n\1- /m.test(text),
    crlf: text.includes('\r\n'),
  };
}

/**
 * Applies changes to config.yaml text and returns the new text. Comments, key order and unknown keys are
 * preserved; missing parents are created. Changes apply in order, so deleting a list entry shifts the indexes
 * of later entries for the changes after it; an index at or past the end of a list appends. Throws `ConfigError` when the text is not valid YAML and
 * `TypeError` when a path runs through a value that is not a block of settings.
 */
export function applyConfigChanges(text: string, changes: readonly ConfigChange[], options: { filePath?: string } = {}): string {
  if (changes.length === 0) return text;
  const filePath = options.filePath ?? 'config.yaml';
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (document.errors.length > 0) throw new ConfigError(filePath, syntaxProblem(document, lineCounter, text, document.errors[0]));
  if (document.contents !== null && !isMap(document.contents)) {
    throw new ConfigError(filePath, { key: '', line: 1, column: 1, message: 'the file must consist of "key: value" settings' });
  }

  for (const change of changes) {
    if (change.path.length === 0) throw new TypeError('a config change needs a non-empty path');
    const last = change.path[change.path.length - 1];
    if (change.value === undefined) {
      const parent = parentFor(document, change.path, false);
      if (parent && childOf(parent, last) !== undefined) (parent as { delete(key: unknown): boolean }).delete(mapKey(parent, last));
      continue;
    }
    const parent = parentFor(document, change.path, true) as Collection;
    if (isSeq(parent) && typeof last === 'number' && last >= parent.items.length) parent.items.push(document.createNode(change.value));
    else assign(document, parent, last, change.value);
  }

  const format = formatOptions(text);
  const output = document.toString({ lineWidth: 0, indentSeq: format.indentSeq });
  return format.crlf ? output.replace(/\r?\n/g, '\r\n') : output;
}

export type ValidateConfigResult = { ok: true; loaded: LoadedConfig } | { ok: false; error: ConfigError };

/** `parseConfigText` that returns the `ConfigError` instead of throwing it (for PUT /config.yaml and the editor). */
export function validateConfigText(text: string, filePath: string, options: ParseConfigOptions): ValidateConfigResult {
  try {
    return { ok: true, loaded: parseConfigText(text, filePath, options) };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, error };
    throw error;
  }
}
