/**
 * A client's settings file we cannot parse. The writer refuses to touch it and says where and why, so the
 * user can fix the file (or move it aside) instead of finding it overwritten.
 */
export class UnreadableFileError extends Error {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  readonly filePath: string;

  constructor(filePath: string, line: number, column: number, reason: string) {
    super(`${filePath} line ${line}, column ${column}: ${reason}. Fix that line (or move the file aside) and run the setup again; the file was left untouched.`);
    this.name = 'UnreadableFileError';
    this.filePath = filePath;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
