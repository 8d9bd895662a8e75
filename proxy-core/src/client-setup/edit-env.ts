/**
 * `.env` files (KEY=value lines, as dotenv reads them): we change the values of our keys where they are, append
 * missing ones, and leave every other line, comment and blank line as it was.
 */
import { UnreadableFileError } from './unreadable-file-error.js';

const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=\s*)(.*)$/;

export type EnvChange = { key: string; value: string | undefined };

interface EnvLine {
  key: string;
  value: string;
}

function unquote(raw: string): string {
  const trimmed = raw.trim();
  const quote = trimmed[0];
  if ((quote === '"' || quote === "'" || quote === '`') && trimmed.length > 1) {
    const end = trimmed.indexOf(quote, 1);
    if (end > 0) return trimmed.slice(1, end);
  }
  const comment = trimmed.search(/\s#/);
  return (comment >= 0 ? trimmed.slice(0, comment) : trimmed).trim();
}

function parseLines(filePath: string, text: string): (EnvLine | undefined)[] {
  return text.split('\n').map((rawLine, index) => {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) return undefined;
    const match = ASSIGNMENT.exec(line);
    if (!match) throw new UnreadableFileError(filePath, index + 1, 1, 'expected KEY=value');
    return { key: match[2] as string, value: unquote(match[4] as string) };
  });
}

/** The file's values (the last assignment of a key wins, as in dotenv's override order of reading). */
export function readEnv(filePath: string, text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of parseLines(filePath, text)) if (line) values[line.key] = line.value;
  return values;
}

function formatValue(value: string): string {
  return /^[A-Za-z0-9_./:@+,=-]*$/.test(value) ? value : JSON.stringify(value);
}

export function editEnv(filePath: string, text: string, changes: readonly EnvChange[]): string {
  const parsed = parseLines(filePath, text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let lines = text === '' ? [] : text.split('\n');
  const hadFinalNewline = text === '' || text.endsWith('\n');
  if (text.endsWith('\n')) lines = lines.slice(0, -1);
  const removed = new Set<number>();
  for (const change of changes) {
    const indexes = parsed.flatMap((line, index) => (line?.key === change.key ? [index] : []));
    if (change.value === undefined) {
      for (const index of indexes) removed.add(index);
      continue;
    }
    const value = change.value;
    if (indexes.length === 0) {
      lines.push(`${change.key}=${formatValue(value)}${eol === '\r\n' ? '\r' : ''}`);
      continue;
    }
    for (const index of indexes) {
      if ((parsed[index] as EnvLine).value === value) continue;
      const original = lines[index] as string;
      const carriage = original.endsWith('\r') ? '\r' : '';
      const match = ASSIGNMENT.exec(original.replace(/\r$/, '')) as RegExpExecArray;
      lines[index] = `${match[1]}${match[2]}${match[3]}${formatValue(value)}${carriage}`;
    }
  }
  const kept = lines.filter((_, index) => !removed.has(index));
  if (kept.length === 0) return '';
  return `${kept.join('\n')}${hadFinalNewline ? '\n' : ''}`;
}
