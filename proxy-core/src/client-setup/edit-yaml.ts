/**
 * YAML edits through the `yaml` Document API, which keeps comments and the layout of untouched nodes.
 */
import { isSeq, parseDocument, type Document } from 'yaml';
import { UnreadableFileError } from './unreadable-file-error.js';

export type YamlChange =
  | { kind?: 'set'; path: readonly (string | number)[]; value: unknown }
  /** Removes the list items `owned` picks, then appends `items` (ours), keeping every other item. */
  | { kind: 'replace-items'; path: readonly (string | number)[]; owned: (item: unknown) => boolean; items: readonly unknown[] };

function load(filePath: string, text: string): Document {
  const document = parseDocument(text, { keepSourceTokens: true });
  const first = document.errors[0];
  if (first) {
    const position = first.linePos?.[0];
    throw new UnreadableFileError(filePath, position?.line ?? 1, position?.col ?? 1, `not valid YAML (${first.message.split('\n')[0]})`);
  }
  const root: unknown = document.toJS();
  if (root !== null && root !== undefined && (typeof root !== 'object' || Array.isArray(root))) throw new UnreadableFileError(filePath, 1, 1, 'the file is YAML but not a mapping (key: value)');
  return document;
}

export function readYaml(filePath: string, text: string): unknown {
  return load(filePath, text).toJS() ?? {};
}

const plain = (node: unknown): unknown => (node !== null && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node);

export function editYaml(filePath: string, text: string, changes: readonly YamlChange[]): string {
  const document = load(filePath, text);
  let changed = false;
  for (const change of changes) {
    const current = plain(document.getIn([...change.path]));
    if (change.kind === 'replace-items') {
      const list = Array.isArray(current) ? current : [];
      const kept = list.filter((item) => !change.owned(item));
      if (Array.isArray(current) && JSON.stringify([...kept, ...change.items]) === JSON.stringify(current)) continue;
      changed = true;
      const node = document.getIn([...change.path]);
      if (!isSeq(node)) {
        document.setIn([...change.path], [...change.items]);
        continue;
      }
      for (let index = list.length - 1; index >= 0; index -= 1) if (change.owned(list[index])) node.delete(index);
      for (const item of change.items) node.add(document.createNode(item));
      continue;
    }
    if (JSON.stringify(current) === JSON.stringify(change.value)) continue;
    changed = true;
    if (change.value === undefined) document.deleteIn([...change.path]);
    else document.setIn([...change.path], change.value);
  }
  // `yaml` re-renders the document; keep the file's own flow style (`[chat]` or `[ chat ]`).
  return changed ? document.toString({ flowCollectionPadding: !/[[{][^\s\]}]/.test(text) }) : text;
}
