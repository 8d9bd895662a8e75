/**
 * YAML edits through the `yaml` Document API, which keeps comments and the layout of untouched nodes.
 */
import { parseDocument } from 'yaml';
import { UnreadableFileError } from './unreadable-file-error.js';

export type YamlChange = { path: readonly (string | number)[]; value: unknown };

function load(filePath: string, text: string) {
  const document = parseDocument(text, { keepSourceTokens: true });
  const first = document.errors[0];
  if (first) {
    const position = first.linePos?.[0];
    throw new UnreadableFileError(filePath, position?.line ?? 1, position?.col ?? 1, `not valid YAML (${first.message.split('\n')[0]})`);
  }
  return document;
}

export function readYaml(filePath: string, text: string): unknown {
  return load(filePath, text).toJS() ?? {};
}

export function editYaml(filePath: string, text: string, changes: readonly YamlChange[]): string {
  const document = load(filePath, text);
  let changed = false;
  for (const change of changes) {
    const current: unknown = document.getIn([...change.path]);
    const plain = current !== null && typeof current === 'object' && 'toJSON' in current ? (current as { toJSON(): unknown }).toJSON() : current;
    if (JSON.stringify(plain) === JSON.stringify(change.value)) continue;
    changed = true;
    if (change.value === undefined) document.deleteIn([...change.path]);
    else document.setIn([...change.path], change.value);
  }
  return changed ? document.toString() : text;
}
