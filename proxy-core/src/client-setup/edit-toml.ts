/**
 * TOML edits by targeted splicing (docs/decisions/2026-12-08-09-client-setup-writer.md): smol-toml parses the
 * file to validate it and to check the result; we locate the table and key lines ourselves and replace only
 * the value text of our keys (or add the lines), so comments, order and formatting elsewhere stay byte for byte.
 */
import { parse, TomlError } from 'smol-toml';
import { UnreadableFileError } from './unreadable-file-error.js';

export type TomlValue = string | number | boolean;
/** `table: []` is the root; `['model_providers', 'cliproxy']` is `[model_providers.cliproxy]`. */
export type TomlChange = { table: readonly string[]; key: string; value: TomlValue | undefined };

interface Line {
  start: number;
  end: number; // index of the '\n' (or text length)
  text: string;
}

interface KeyLine {
  path: string[];
  lineIndex: number;
  valueStart: number;
}

interface Layout {
  lines: Line[];
  headers: { path: string[]; lineIndex: number; arrayTable: boolean }[];
  keys: KeyLine[];
}

export function readToml(filePath: string, text: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) throw new UnreadableFileError(filePath, error.line, error.column, `not valid TOML (${error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '')})`);
    throw error;
  }
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    lines.push({ start, end, text: text.slice(start, end) });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/** Splits a dotted TOML key (`a."b.c".d`) into its parts. */
function keyParts(raw: string): string[] | undefined {
  const parts: string[] = [];
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)/y;
  let index = 0;
  while (index < raw.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(raw);
    if (!match) return undefined;
    parts.push(match[1] !== undefined ? (JSON.parse(`"${match[1]}"`) as string) : (match[2] ?? match[3] ?? ''));
    index = pattern.lastIndex;
    if (match[4] === '') break;
  }
  return parts;
}

const sameKey = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((part, index) => part === b[index]);

/** Finds table headers and key lines, skipping the insides of multi-line strings and arrays. */
function layout(text: string): Layout {
  const lines = splitLines(text);
  const headers: Layout['headers'] = [];
  const keys: KeyLine[] = [];
  let table: string[] = [];
  let skipUntil = -1;
  for (const [lineIndex, line] of lines.entries()) {
    if (line.start < skipUntil) continue;
    const header = /^\s*(\[\[?)([^[\]]+)\]\]?\s*(#.*)?$/.exec(line.text);
    if (header) {
      const path = keyParts(header[2] as string);
      if (path) {
        headers.push({ path, lineIndex, arrayTable: header[1] === '[[' });
        table = path;
      }
      continue;
    }
    const assignment = /^\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\- ])+?)\s*=\s*/.exec(line.text);
    if (!assignment) continue;
    const key = keyParts(assignment[1] as string);
    if (!key) continue;
    const valueStart = line.start + assignment[0].length;
    keys.push({ path: [...table, ...key], lineIndex, valueStart });
    skipUntil = valueEnd(text, valueStart);
  }
  return { lines, headers, keys };
}

/** Where the value starting at `valueStart` ends: the shortest slice that parses as a TOML value. */
function valueEnd(text: string, valueStart: number): number {
  const candidates: number[] = [];
  const firstLineEnd = text.indexOf('\n', valueStart) === -1 ? text.length : text.indexOf('\n', valueStart);
  for (let index = text.indexOf('#', valueStart); index !== -1 && index < firstLineEnd; index = text.indexOf('#', index + 1)) candidates.push(index);
  for (let index = firstLineEnd; ; index = text.indexOf('\n', index + 1)) {
    candidates.push(index === -1 ? text.length : index);
    if (index === -1 || index >= text.length) break;
  }
  for (const end of candidates) {
    try {
      parse(`x = ${text.slice(valueStart, end).trimEnd()}`);
      return valueStart + text.slice(valueStart, end).trimEnd().length;
    } catch {
      // not yet a whole value
    }
  }
  return firstLineEnd;
}

export function formatTomlValue(value: TomlValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function lineBreakAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function tableValue(root: Record<string, unknown>, table: readonly string[]): unknown {
  let current: unknown = root;
  for (const part of table) current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined;
  return current;
}

function applyChange(filePath: string, text: string, change: TomlChange): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const map = layout(text);
  const fullPath = [...change.table, change.key];
  const existing = map.keys.find((key) => sameKey(key.path, fullPath));
  if (existing) {
    const end = valueEnd(text, existing.valueStart);
    if (change.value === undefined) {
      const line = map.lines[existing.lineIndex] as Line;
      return text.slice(0, line.start) + text.slice(lineBreakAfter(text, end));
    }
    return text.slice(0, existing.valueStart) + formatTomlValue(change.value) + text.slice(end);
  }
  if (change.value === undefined) return text;
  const newLine = `${change.key} = ${formatTomlValue(change.value)}`;
  const insertAt = (offset: number) => {
    const before = text.slice(0, offset);
    const needsBreak = before.length > 0 && !before.endsWith('\n');
    return `${before}${needsBreak ? eol : ''}${newLine}${eol}${text.slice(offset)}`;
  };
  if (change.table.length === 0) {
    const rootKeys = map.keys.filter((key) => !map.headers.some((header) => header.lineIndex < key.lineIndex));
    const last = rootKeys.at(-1);
    if (last) return insertAt(lineBreakAfter(text, valueEnd(text, last.valueStart)));
    const firstHeader = map.headers[0];
    if (!firstHeader) return text.trim() === '' ? `${newLine}${eol}` : insertAt(text.length);
    let lineIndex = firstHeader.lineIndex;
    while (lineIndex > 0 && /^\s*#/.test((map.lines[lineIndex - 1] as Line).text)) lineIndex -= 1;
    return insertAt((map.lines[lineIndex] as Line).start);
  }
  const header = map.headers.find((candidate) => !candidate.arrayTable && sameKey(candidate.path, change.table));
  if (header) {
    const inTable = map.keys.filter((key) => key.lineIndex > header.lineIndex && !map.headers.some((other) => other.lineIndex > header.lineIndex && other.lineIndex < key.lineIndex));
    const last = inTable.at(-1);
    const offset = last ? lineBreakAfter(text, valueEnd(text, last.valueStart)) : lineBreakAfter(text, (map.lines[header.lineIndex] as Line).end);
    return insertAt(offset);
  }
  if (tableValue(readToml(filePath, text), change.table) !== undefined) {
    throw new UnreadableFileError(filePath, 1, 1, `[${change.table.join('.')}] is written in a form we do not edit (inline or dotted keys); change it to a [${change.table.join('.')}] table or remove it`);
  }
  const separator = text.trim() === '' ? '' : text.endsWith(`${eol}${eol}`) ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  return `${text}${separator}[${change.table.join('.')}]${eol}${newLine}${eol}`;
}

/** Applies the changes, then re-parses and checks every changed value, so a splice can never write a broken file. */
export function editToml(filePath: string, text: string, changes: readonly TomlChange[]): string {
  readToml(filePath, text);
  let result = text;
  for (const change of changes) {
    const table = tableValue(readToml(filePath, result), change.table);
    const current = table !== null && typeof table === 'object' ? (table as Record<string, unknown>)[change.key] : undefined;
    if (current !== change.value) result = applyChange(filePath, result, change);
  }
  const parsed = readToml(filePath, result);
  for (const change of changes) {
    const table = tableValue(parsed, change.table);
    const actual = table !== null && typeof table === 'object' ? (table as Record<string, unknown>)[change.key] : undefined;
    if (actual !== change.value) throw new Error(`Editing ${filePath} did not give ${[...change.table, change.key].join('.')} the intended value; the file was left untouched.`);
  }
  return result;
}
