/**
 * The served ids closest to one that was refused, for "did you mean" hints: ranked by shared prefix (longest
 * first), then edit distance. Runs only on the error path.
 */
export function nearestModels(requested: string, served: readonly string[], count = 3): string[] {
  const target = requested.toLowerCase();
  return served
    .map((id) => {
      const lowered = id.toLowerCase();
      let prefix = 0;
      while (prefix < target.length && prefix < lowered.length && target[prefix] === lowered[prefix]) prefix++;
      return { id, prefix, distance: editDistance(target, lowered) };
    })
    .sort((a, b) => b.prefix - a.prefix || a.distance - b.distance || (a.id < b.id ? -1 : 1))
    .slice(0, count)
    .map((entry) => entry.id);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
