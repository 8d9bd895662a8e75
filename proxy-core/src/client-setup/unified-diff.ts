import { createTwoFilesPatch } from 'diff';

/**
 * A unified diff of one file (`/dev/null` side for a file that does not exist yet); empty when nothing
 * changes. Starts at the `---`/`+++` lines (the library's `Index:`/`====` banner says nothing more).
 */
export function unifiedDiff(filePath: string, before: string | undefined, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(before === undefined ? '/dev/null' : filePath, filePath, before ?? '', after, undefined, undefined, { context: 3 });
  const start = patch.indexOf('--- ');
  return start > 0 ? patch.slice(start) : patch;
}
