/** Maps key paths to places in the YAML source and back, using the node ranges `yaml` keeps. */
import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type KeyPath = ReadonlyArray<string | number>;

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** The text of a mapping key, or undefined for keys that are not scalars (e.g. `? [a, b]`). */
export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

export function dottedKey(path: KeyPath): string {
  return path.join('.');
}

/** `codex-api-key.0.base-url` → `['codex-api-key', 0, 'base-url']`. */
export function parseDottedKey(key: string): Array<string | number> {
  return key === '' ? [] : key.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

export interface PathLookup {
  /** How many leading segments of the path exist in the document. */
  depth: number;
  /** The node reached (null when a key exists but its value is empty). */
  node: Node | null;
  /** The key node of the last step, when that step went through a mapping. */
  keyNode?: Node;
}

export function lookupPath(document: Document, path: KeyPath): PathLookup {
  let node = (document.contents ?? null) as Node | null;
  let keyNode: Node | undefined;
  let depth = 0;
  for (const segment of path) {
    if (isAlias(node)) node = (node.resolve(document) ?? null) as Node | null;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(segment));
      if (!pair) break;
      keyNode = isNode(pair.key) ? pair.key : undefined;
      node = (pair.value ?? null) as Node | null;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      keyNode = undefined;
      node = (item ?? null) as Node | null;
    } else {
      break;
    }
    depth += 1;
  }
  return { depth, node, keyNode };
}

export function positionAt(lineCounter: LineCounter, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line: Math.max(line, 1), column: Math.max(col, 1) };
}

function startOf(node: Node | null | undefined): number | undefined {
  return node?.range ? node.range[0] : undefined;
}

/**
 * Where to point for a key path: at the value when the whole path exists (`port: "abc"` → the `"abc"`),
 * else at the deepest part that exists (the parent key, or the list entry), else at the top of the file.
 */
export function locatePath(document: Document, lineCounter: LineCounter, path: KeyPath): SourcePosition {
  const lookup = lookupPath(document, path);
  const exact = lookup.depth === path.length;
  const offset = exact
    ? startOf(lookup.node) ?? startOf(lookup.keyNode)
    : startOf(lookup.keyNode) ?? startOf(lookup.node);
  return offset === undefined ? { line: 1, column: 1 } : positionAt(lineCounter, offset);
}

/** The position of a key itself (for "unknown key" warnings). */
export function locateKey(document: Document, lineCounter: LineCounter, path: KeyPath): SourcePosition {
  const lookup = lookupPath(document, path);
  if (lookup.depth === path.length && lookup.keyNode) return positionAt(lineCounter, startOf(lookup.keyNode) ?? 0);
  return locatePath(document, lineCounter, path);
}

function contains(node: Node | null | undefined, offset: number): boolean {
  return Boolean(node?.range && node.range[0] <= offset && offset <= node.range[2]);
}

/** The key path and deepest node whose source covers `offset` (used to name the key of a syntax error). */
export function nodeAtOffset(document: Document, offset: number): { path: Array<string | number>; node: Node | null } {
  const path: Array<string | number> = [];
  let node = (document.contents ?? null) as Node | null;
  for (;;) {
    let next: Node | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => {
        const start = startOf(item.key as Node);
        const value = item.value as Node | null;
        const end = value?.range ? value.range[2] : (item.key as Node | null)?.range?.[2];
        return start !== undefined && end !== undefined && start <= offset && offset <= end;
      });
      const key = pair ? keyText(pair.key) : undefined;
      if (!pair || key === undefined) break;
      path.push(key);
      next = pair.value as Node | null;
      if (!contains(next, offset)) return { path, node: (pair.key as Node) ?? null };
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item as Node, offset));
      if (index < 0) break;
      path.push(index);
      next = node.items[index] as Node;
    } else {
      break;
    }
    node = next ?? null;
  }
  return { path, node };
}
