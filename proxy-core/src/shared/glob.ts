/** Case-insensitive `*` wildcard matching, as used by `excluded-models`. */
export function compileGlob(pattern: string): (value: string) => boolean {
  const lowered = pattern.toLowerCase();
  if (!lowered.includes('*')) return (value) => value.toLowerCase() === lowered;
  const source = lowered
    .split('*')
    .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`);
  return (value) => regex.test(value.toLowerCase());
}

export function matchesAny(value: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => compileGlob(pattern)(value));
}
