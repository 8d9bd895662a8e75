/**
 * This format's slot in `extras`: fields the IR has no place for, kept so a same-format round trip is
 * lossless. Only the `claude-messages` namespace is ever read or written here.
 *
 * Keys this codec writes besides unknown wire fields:
 *  - request:  `thinking`, `output_config`, `output_format`, `metadata` (the raw objects, re-emitted verbatim
 *              when the IR still means the same thing), `system_form: 'blocks'`
 *  - message:  `content_form: 'blocks'`, `same_turn: true` (split from the previous Claude turn),
 *              `unmapped: [{index, block}]` (blocks with no IR part, e.g. `server_tool_use`, `search_result`)
 *  - tool result: `content_form: 'blocks' | 'string'`, `unmapped`
 *  - response: unknown top-level fields (`stop_sequence`, `container`, …), `usage` (unknown usage fields), `unmapped`
 */
import type { FormatExtras } from '../../ir/index.js';
import { extrasFor } from '../shared/extras.js';
import { isRecord, unknownFields, omitKeys } from '../shared/extras.js';

export const FORMAT_ID = 'claude-messages' as const;
export { isRecord, unknownFields, omitKeys };
export const { toExtras, ownExtras } = extrasFor(FORMAT_ID);

/** A Claude content block with no IR equivalent, kept with the IR position it stood before. */
export interface UnmappedBlock {
  index: number;
  block: Record<string, unknown>;
}

/** Set `target.extras` when there is anything to keep; returns `target`. */
export function withExtras<T extends object>(target: T, fields: Record<string, unknown> | undefined): T {
  const extras = toExtras(fields);
  if (extras) (target as { extras?: FormatExtras }).extras = extras;
  return target;
}

/** `unmapped` entries of an extras record (ignores anything malformed). */
export function unmappedBlocks(own: Record<string, unknown>): UnmappedBlock[] {
  const list = own.unmapped;
  if (!Array.isArray(list)) return [];
  return list.filter((entry): entry is UnmappedBlock => isRecord(entry) && typeof entry.index === 'number' && isRecord(entry.block));
}

/**
 * Encoded blocks (one slot per IR part, `undefined` when the part was dropped) with the unmapped blocks put
 * back before the IR part they preceded.
 */
export function interleaveUnmapped(encoded: ReadonlyArray<Record<string, unknown> | undefined>, unmapped: readonly UnmappedBlock[]): Record<string, unknown>[] {
  if (unmapped.length === 0) return encoded.filter((block): block is Record<string, unknown> => block !== undefined);
  const result: Record<string, unknown>[] = [];
  for (let index = 0; index <= encoded.length; index++) {
    for (const entry of unmapped) if (entry.index === index || (index === encoded.length && entry.index > index)) result.push(entry.block);
    const block = encoded[index];
    if (block !== undefined) result.push(block);
  }
  return result;
}

/** Structural equality for JSON-like values (used to tell whether the pipeline changed a decoded value). */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left)) {
    return Array.isArray(right) && left.length === right.length && left.every((item, index) => jsonEqual(item, right[index]));
  }
  if (isRecord(left) && isRecord(right)) {
    const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
    const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
    return leftKeys.length === rightKeys.length && leftKeys.every((key) => jsonEqual(left[key], right[key]));
  }
  return false;
}
