/**
 * This format's slot in `extras`: fields the IR has no place for, kept so a same-format round trip is
 * lossless. Only the `gemini` namespace is read or written here.
 *
 * Convention: an unknown key of a wire object goes to `extras.gemini[key]`; unknown keys inside a known
 * nested object (e.g. `inlineData.displayName`) go to `extras.gemini[nestedKey] = {…}`. `mergeExtras`
 * puts both back, with what the encoder produced winning over what was kept.
 */
import { extrasFor } from '../shared/extras.js';
import { isRecord, unknownFields, omitKeys } from '../shared/extras.js';

export const FORMAT_ID = 'gemini' as const;
export { isRecord, unknownFields, omitKeys };
export const { toExtras, ownExtras } = extrasFor(FORMAT_ID);

/** Collects unknown top-level keys plus unknown keys of known nested objects into one extras record. */
export function collectExtras(
  object: Record<string, unknown>,
  known: readonly string[],
  nested: Readonly<Record<string, readonly string[]>> = {},
): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = { ...unknownFields(object, known) };
  for (const [key, nestedKnown] of Object.entries(nested)) {
    const inner = object[key];
    if (!isRecord(inner)) continue;
    const extra = unknownFields(inner, nestedKnown);
    if (extra) result[key] = extra;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * `kept` (extras) under `encoded`: records are merged recursively, anything the encoder wrote wins.
 * Returns a new object.
 */
export function mergeExtras<T extends Record<string, unknown>>(encoded: T, kept: Record<string, unknown> | undefined): T {
  if (!kept) return encoded;
  const result: Record<string, unknown> = { ...encoded };
  for (const [key, value] of Object.entries(kept)) {
    const current = result[key];
    if (current === undefined) result[key] = value;
    else if (isRecord(current) && isRecord(value)) result[key] = mergeExtras(current, value);
  }
  return result as T;
}

/** Claude's Tool Search `defer_loading` is stripped from tool blocks by the one Gemini sanitiser. */
export { withoutDeferLoading } from './sanitize-request.js';
