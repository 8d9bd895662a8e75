/**
 * Gemini function names must match `[A-Za-z_][A-Za-z0-9_.:-]{0,63}` (inventory §2.0, §5 quirk 5). Claude and
 * OpenAI allow longer names and other characters, so names are made valid on the way to Gemini, and
 * distinct names that would collide get a short hash suffix. `restoreFunctionName` maps them back.
 */
import { createHash } from 'node:crypto';

const MAX_LENGTH = 64;

/** A valid Gemini function name for `name` (unchanged when it already is one). */
export function sanitizeFunctionName(name: string): string {
  let result = name.replace(/[^A-Za-z0-9_.:-]/g, '_');
  if (result === '') return '_';
  if (!/^[A-Za-z_]/.test(result)) result = `_${result.slice(0, MAX_LENGTH - 1)}`;
  return result.slice(0, MAX_LENGTH);
}

function suffixed(original: string, base: string, attempt: number): string {
  const hash = createHash('sha256').update(`${original}\u0000${attempt}`).digest('hex').slice(0, 12);
  return `${base.slice(0, MAX_LENGTH - 13)}_${hash}`;
}

/**
 * Original → Gemini name for every name in `names`. Names that are already valid and unique map to
 * themselves; originals that sanitize to the same name each get `_<12 hex>` of a hash of the original.
 */
export function createFunctionNameMap(names: Iterable<string>): Map<string, string> {
  const originals = [...new Set(names)];
  const bySanitized = new Map<string, string[]>();
  for (const original of originals) {
    const sanitized = sanitizeFunctionName(original);
    bySanitized.set(sanitized, [...(bySanitized.get(sanitized) ?? []), original]);
  }
  const result = new Map<string, string>();
  const taken = new Set<string>();
  for (const [sanitized, group] of bySanitized) {
    if (group.length === 1) {
      result.set(group[0], sanitized);
      taken.add(sanitized);
    }
  }
  for (const [sanitized, group] of bySanitized) {
    if (group.length === 1) continue;
    for (const original of group) {
      let attempt = 0;
      let candidate = suffixed(original, sanitized, attempt);
      while (taken.has(candidate)) candidate = suffixed(original, sanitized, ++attempt);
      taken.add(candidate);
      result.set(original, candidate);
    }
  }
  return result;
}

/**
 * The client's name for a function name Gemini answered with, given the names the client declared
 * (for the pipeline to apply to Gemini answers; names that were valid come back unchanged).
 */
export function restoreFunctionName(geminiName: string, declaredNames: Iterable<string>): string {
  for (const [original, sanitized] of createFunctionNameMap(declaredNames)) if (sanitized === geminiName) return original;
  return geminiName;
}
