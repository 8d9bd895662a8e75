/**
 * Helpers for the `extras` convention (fields the IR has no slot for, kept under the format's own
 * namespace so a same-format round trip is lossless). Each format binds them to its id.
 */
import type { FormatExtras, FormatId } from '../../ir/index.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The keys of `object` that are not in `known`, or `undefined` when there are none. */
export function unknownFields(object: Record<string, unknown>, known: readonly string[]): Record<string, unknown> | undefined {
  let result: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (known.includes(key) || value === undefined) continue;
    result ??= {};
    result[key] = value;
  }
  return result;
}

/** Copy of `record` without `keys`. */
export function omitKeys(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!keys.includes(key)) result[key] = value;
  return result;
}

/** `toExtras`/`ownExtras` for one format's namespace. */
export function extrasFor(format: FormatId) {
  return {
    /** Wrap fields in this format's namespace (or nothing when there are none). */
    toExtras: (fields: Record<string, unknown> | undefined): FormatExtras | undefined =>
      fields === undefined || Object.keys(fields).length === 0 ? undefined : { [format]: fields },
    /** This format's own fields from an IR object's extras (other namespaces are ignored). */
    ownExtras: (extras: FormatExtras | undefined): Record<string, unknown> => extras?.[format] ?? {},
  };
}
