/**
 * A masked key as this proxy shows it (`sk-a…1234`, `****`; shared/mask.ts) is never a real key: writing one back
 * into config.yaml would replace the user's key with its label. Finds the first one in a JSON body.
 */
const MASK_SHAPE = /^[^\u2026\s]{4}\u2026[^\u2026\s]{4}$/;

export function findMaskedPlaceholder(value: unknown, path: Array<string | number> = []): { path: Array<string | number>; value: string } | undefined {
  if (typeof value === 'string') return MASK_SHAPE.test(value) || value === '****' ? { path, value } : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findMaskedPlaceholder(item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findMaskedPlaceholder(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
