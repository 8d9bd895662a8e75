/** Turns a YAML syntax error into a `ConfigProblem` that names the key and says how to fix the file. */
import type { Document, LineCounter, YAMLError } from 'yaml';
import type { ConfigProblem } from './config-error.js';
import { isSecretKeyPath } from './describe-issue.js';
import { dottedKey, nodeAtOffset, positionAt, type SourcePosition } from './yaml-locate.js';

/** The first line of a `yaml` error or warning, without its own "at line …" suffix. */
export function yamlMessage(error: YAMLError): string {
  return error.message.split('\n')[0].replace(/ at line \d+, column \d+:?\s*$/, '');
}

/** The usual fix for each YAML syntax error code. */
const SYNTAX_HINTS: Record<string, string> = {
  BAD_INDENT: 'check the indentation: settings at the same level must start in the same column, nested settings need more spaces than their parent',
  TAB_AS_INDENT: 'replace the tab with spaces',
  DUPLICATE_KEY: 'the key appears twice at the same level; keep only one of them',
  MULTILINE_IMPLICIT_KEY: 'a key is missing its ":", or this line is indented differently from the lines around it',
  BLOCK_AS_IMPLICIT_KEY: 'a key is missing its ":", or the next line is indented more than this one',
  UNEXPECTED_TOKEN: 'check this line for a stray character or a missing ":"',
  MULTIPLE_DOCS: 'the file must hold one YAML document; remove the "---" line and merge the settings',
  BAD_DQ_ESCAPE: 'inside "double quotes" a backslash starts an escape; use single quotes for Windows paths (\'C:\\Users\\me\') or forward slashes',
  BAD_SCALAR_START: 'values starting with this character must be quoted',
  BLOCK_IN_FLOW: 'inside [ ] or { } everything must stay on the line structure of the brackets; close the bracket or use a block list',
};

function hintFor(error: YAMLError, description: string): string | undefined {
  if (/^Flow (sequence|map) .*end with a/i.test(description)) return 'close the bracket at the end of the value';
  if (error.code === 'MISSING_CHAR') {
    if (/closing/i.test(description)) return 'add the closing quote at the end of the value';
    if (/sequence item/i.test(description)) {
      return 'check the indentation: every setting of a list entry must line up with the first setting after "- "';
    }
  }
  return SYNTAX_HINTS[error.code];
}

/** When a position points at leading spaces, move it to the first character of the line's content. */
function skipIndentation(text: string, lineCounter: LineCounter, position: SourcePosition): SourcePosition {
  const lineStart = lineCounter.lineStarts[position.line - 1];
  if (lineStart === undefined) return position;
  const lineText = text.slice(lineStart, text.indexOf('\n', lineStart) === -1 ? undefined : text.indexOf('\n', lineStart));
  const indentation = lineText.length - lineText.trimStart().length;
  if (position.column - 1 < indentation && lineText.trim() !== '') return { line: position.line, column: indentation + 1 };
  return position;
}

export function syntaxProblem(document: Document, lineCounter: LineCounter, text: string, error: YAMLError): ConfigProblem {
  const offset = error.pos[0];
  const description = yamlMessage(error);
  const { path: rawPath, node } = nodeAtOffset(document, offset);
  // In a broken document a key may have swallowed the next line ("port 8317 host"); name only the sound part.
  const soundLength = rawPath.findIndex((segment) => typeof segment === 'string' && /\s/.test(segment));
  const path = soundLength === -1 ? rawPath : rawPath.slice(0, soundLength);
  let position: SourcePosition = error.linePos?.[0] ? { line: error.linePos[0].line, column: error.linePos[0].col } : positionAt(lineCounter, offset);
  // An unclosed quote is detected at the end of the file; point at where the quoted value starts instead.
  if (error.code === 'MISSING_CHAR' && /closing/i.test(description) && node?.range) position = positionAt(lineCounter, node.range[0]);
  // An unclosed [ or { is also only noticed at the end; point at the bracket that was never closed.
  const unclosed = /^Flow (sequence|map) .*end with a ([\]}])/i.exec(description);
  if (unclosed) {
    const bracket = unclosed[2] === ']' ? '[' : '{';
    const opening = text.lastIndexOf(bracket, Math.max(0, offset - 1));
    if (opening !== -1) position = positionAt(lineCounter, opening);
  }
  if (error.code !== 'TAB_AS_INDENT') position = skipIndentation(text, lineCounter, position);
  const hint = hintFor(error, description);
  // yaml quotes the rest of the value after a bad escape; under a secret key that would print part of the secret.
  const safe = isSecretKeyPath(path) ? description.replace(/(escape sequence).*$/i, '$1') : description;
  const sentence = safe.charAt(0).toLowerCase() + safe.slice(1);
  return { key: dottedKey(path), ...position, message: hint ? `${sentence}; ${hint}` : sentence };
}
