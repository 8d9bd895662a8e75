/**
 * This format's slot in `extras`: fields the IR has no place for, kept so a same-format round trip is
 * lossless. Only the `openai-chat` namespace is ever read or written here.
 */
import type { FormatExtras } from '../../ir/index.js';

export const FORMAT_ID = 'openai-chat' as const;

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

/** Wrap fields in this format's namespace (or nothing when there are none). */
export function toExtras(fields: Record<string, unknown> | undefined): FormatExtras | undefined {
  return fields === undefined || Object.keys(fields).length === 0 ? undefined : { [FORMAT_ID]: fields };
}

/** This format's own fields from an IR object's extras (other namespaces are ignored). */
export function ownExtras(extras: FormatExtras | undefined): Record<string, unknown> {
  return extras?.[FORMAT_ID] ?? {};
}

/** Copy of `record` without `keys`. */
export function omitKeys(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!keys.includes(key)) result[key] = value;
  return result;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
