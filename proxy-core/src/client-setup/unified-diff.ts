import { createTwoFilesPatch } from 'diff';

/** A unified diff of one file (`/dev/null` side for a file that does not exist yet); empty when nothing changes. */
export function unifiedDiff(filePath: string, before: string | undefined, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(before === undefined ? '/dev/null' : filePath, filePath, before ?? '', after, undefined, undefined, { context: 3 });
}
