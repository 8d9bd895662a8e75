/** Keys that reach object prototypes when code copies input into objects; refused wherever input becomes a key. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

interface Frame {
  value: unknown;
  key: string | number | undefined;
  parent: Frame | undefined;
}

function pathOf(frame: Frame, last: string): Array<string | number> {
  const path: Array<string | number> = [last];
  for (let at: Frame | undefined = frame; at && at.key !== undefined; at = at.parent) path.unshift(at.key);
  return path;
}

/**
 * The path of the first forbidden key in a JSON-like value (`['values', '__proto__']`), or undefined. Iterative,
 * so a deeply nested value cannot overflow the stack.
 */
export function findForbiddenKey(value: unknown): Array<string | number> | undefined {
  const stack: Frame[] = [{ value, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) stack.push({ value: current[index], key: index, parent: frame });
      continue;
    }
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) return pathOf(frame, key);
      stack.push({ value: (current as Record<string, unknown>)[key], key, parent: frame });
    }
  }
  return undefined;
}

/** The same check for a path of config keys (`a.b.__proto__`). */
export function forbiddenSegment(path: ReadonlyArray<string | number>): string | undefined {
  return path.find((segment): segment is string => typeof segment === 'string' && FORBIDDEN_KEYS.has(segment));
}
