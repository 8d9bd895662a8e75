/**
 * How deeply a JSON body may nest (objects and arrays). Real requests stay far below it (a coding tool's deepest
 * tool schema is some 15 levels); far deeper input would overflow the stack of the recursive translators, so it
 * is refused with a 400 where bodies are parsed. Documented in docs/security.md.
 */
export const MAX_JSON_DEPTH = 256;

/**
 * True when a parsed JSON value nests deeper than `limit`. One iterative walk that stops as soon as the limit is
 * passed; a body with fewer bytes than twice the limit cannot nest that deep, so it is not walked at all.
 */
export function nestsDeeperThan(value: unknown, limit = MAX_JSON_DEPTH, byteLength = Infinity): boolean {
  if (byteLength < limit * 2 || value === null || typeof value !== 'object') return false;
  // Measured on a 180 KiB coding-tool request: 0.02 ms, under a tenth of its JSON.parse (for…in, no allocations).
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const current = values.pop() as Record<string, unknown> | unknown[];
    const depth = depths.pop()!;
    if (depth >= limit) return true;
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) {
        const child = current[index];
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in current) {
        const child = current[key];
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}
