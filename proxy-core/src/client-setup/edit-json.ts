/**
 * JSON-with-comments edits: jsonc-parser locates nodes, and each change is one minimal splice (a value
 * replaced, a property or array item added after its last sibling, one removed), so comments, key order,
 * unknown keys and the formatting of everything we do not change stay byte for byte. (jsonc-parser's own
 * formatter would re-indent the neighbouring property, so inserted text is indented here to match its
 * siblings.)
 */
import { applyEdits, findNodeAtLocation, modify, type Node, parse, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { lineAndColumn, UnreadableFileError } from './unreadable-file-error.js';

export type JsonPath = readonly (string | number)[];

export type JsonChange =
  | { kind: 'set'; path: readonly string[]; value: unknown }
  | { kind: 'remove'; path: JsonPath }
  /** Removes the array items `owned` picks, then appends `items` (ours), keeping every other item. */
  | { kind: 'replace-items'; path: readonly string[]; owned: (item: unknown) => boolean; items: readonly unknown[] };

/** Parses JSON with comments and trailing commas, or throws UnreadableFileError with the first problem's place. */
export function readJson(filePath: string, text: string): unknown {
  if (text.trim() === '') return {};
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) {
    const { line, column } = lineAndColumn(text, first.offset);
    throw new UnreadableFileError(filePath, line, column, `not valid JSON (${printParseErrorCode(first.error)})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UnreadableFileError(filePath, 1, 1, 'the file is JSON but not an object ({ … })');
  return value;
}

/** Follows `path` through plain objects and arrays. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

interface Style {
  unit: string;
  eol: string;
}

function styleOf(text: string): Style {
  const indented = /\n([ \t]+)["\]}]/.exec(text)?.[1];
  return { unit: indented?.startsWith('\t') ? '\t' : ' '.repeat(indented?.length ?? 2), eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** The leading whitespace of the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** JSON text for `value` whose first line continues a line indented by `indent`. */
function stringify(value: unknown, indent: string, style: Style): string {
  return JSON.stringify(value, null, style.unit).split('\n').join(`${style.eol}${indent}`);
}

const splice = (text: string, offset: number, length: number, content: string) => text.slice(0, offset) + content + text.slice(offset + length);

/** Inserts `entry` (a property `"k": v` or an array item) as the last child of `container`. */
function appendChild(text: string, container: Node, render: (indent: string) => string, style: Style): string {
  const children = container.children ?? [];
  const last = children.at(-1);
  if (last) {
    const indent = indentAt(text, last.offset);
    const sameLine = indentAt(text, container.offset) === indent && !text.slice(container.offset, last.offset).includes('\n');
    const prefix = sameLine ? ', ' : `,${style.eol}${indent}`;
    return splice(text, last.offset + last.length, 0, `${prefix}${render(sameLine ? indentAt(text, container.offset) : indent)}`);
  }
  const outer = indentAt(text, container.offset);
  const inner = outer + style.unit;
  return splice(text, container.offset + 1, container.length - 2, `${style.eol}${inner}${render(inner)}${style.eol}${outer}`);
}

function setValue(filePath: string, text: string, path: readonly string[], value: unknown, style: Style): string {
  const root = parseTree(text) as Node;
  const existing = findNodeAtLocation(root, [...path]);
  if (existing) return splice(text, existing.offset, existing.length, stringify(value, indentAt(text, existing.offset), style));
  // Walk down to the deepest existing object, then add the rest as one nested property.
  let depth = path.length - 1;
  let parent: Node | undefined;
  while (depth >= 0) {
    parent = depth === 0 ? root : findNodeAtLocation(root, path.slice(0, depth));
    if (parent) break;
    depth -= 1;
  }
  if (!parent || parent.type !== 'object') throw new UnreadableFileError(filePath, lineAndColumn(text, parent?.offset ?? 0).line, 1, `${path.slice(0, depth).join('.') || 'the file'} is not an object, so ${path.join('.')} cannot be set`);
  let nested: unknown = value;
  for (let index = path.length - 1; index > depth; index -= 1) nested = { [path[index] as string]: nested };
  return appendChild(text, parent, (indent) => `${JSON.stringify(path[depth])}: ${stringify(nested, indent, style)}`, style);
}

/** Applies the changes to `text` (empty for a file that does not exist yet); throws UnreadableFileError first if `text` does not parse. */
export function editJson(filePath: string, text: string, changes: readonly JsonChange[]): string {
  readJson(filePath, text);
  const style = styleOf(text);
  let result = text.trim() === '' ? `{}${style.eol}` : text;
  const current = (path: JsonPath) => valueAt(readJson(filePath, result), path);
  for (const change of changes) {
    if (change.kind === 'set') {
      if (JSON.stringify(current(change.path)) !== JSON.stringify(change.value)) result = setValue(filePath, result, change.path, change.value, style);
    } else if (change.kind === 'remove') {
      if (current(change.path) !== undefined) result = applyEdits(result, modify(result, [...change.path], undefined, {}));
    } else {
      const list = current(change.path);
      if (!Array.isArray(list)) {
        result = setValue(filePath, result, change.path, [...change.items], style);
        continue;
      }
      const kept = list.filter((item) => !change.owned(item));
      if (JSON.stringify([...kept, ...change.items]) === JSON.stringify(list)) continue;
      for (let index = list.length - 1; index >= 0; index -= 1) {
        if (change.owned(list[index])) result = applyEdits(result, modify(result, [...change.path, index], undefined, {}));
      }
      for (const item of change.items) {
        const array = findNodeAtLocation(parseTree(result) as Node, [...change.path]) as Node;
        result = appendChild(result, array, (indent) => stringify(item, indent, style), style);
      }
    }
  }
  readJson(filePath, result);
  return result;
}
