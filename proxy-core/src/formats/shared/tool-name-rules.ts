/**
 * Tool-name rules of an upstream (allowed characters, maximum length) and the reversible renaming that
 * follows from them: valid, unique names stay as they are; others are made valid, and distinct originals
 * that would collide get `_<12 hex>` of a hash of the original. `restore` maps an upstream's name back to
 * the one the client declared.
 */
import { createHash } from 'node:crypto';
import type { IrRequest } from '../../ir/index.js';

export interface ToolNameRules {
  /** Characters that are not allowed (global regex); each becomes `_`. */
  invalid: RegExp;
  maxLength: number;
  /** What the first character must match, if anything (a `_` is prefixed otherwise). */
  start?: RegExp;
}

export interface ToolNameCodec {
  sanitize(name: string): string;
  /** Original → upstream name for every name given. */
  map(names: Iterable<string>): Map<string, string>;
  /** The declared name behind an upstream name (unchanged when it was never renamed). */
  restore(upstreamName: string, declaredNames: Iterable<string>): string;
}

export function createToolNameCodec(rules: ToolNameRules): ToolNameCodec {
  const sanitize = (name: string): string => {
    let result = name.replace(rules.invalid, '_');
    if (result === '') return '_';
    if (rules.start && !rules.start.test(result)) result = `_${result.slice(0, rules.maxLength - 1)}`;
    return result.slice(0, rules.maxLength);
  };
  const suffixed = (original: string, base: string, attempt: number): string => {
    const hash = createHash('sha256').update(`${original}\u0000${attempt}`).digest('hex').slice(0, 12);
    return `${base.slice(0, rules.maxLength - 13)}_${hash}`;
  };
  const map = (names: Iterable<string>): Map<string, string> => {
    const bySanitized = new Map<string, string[]>();
    for (const original of new Set(names)) {
      const sanitized = sanitize(original);
      bySanitized.set(sanitized, [...(bySanitized.get(sanitized) ?? []), original]);
    }
    const result = new Map<string, string>();
    const taken = new Set<string>();
    for (const [sanitized, group] of bySanitized) {
      if (group.length > 1) continue;
      result.set(group[0], sanitized);
      taken.add(sanitized);
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
  };
  const restore = (upstreamName: string, declaredNames: Iterable<string>): string => {
    for (const [original, renamed] of map(declaredNames)) if (renamed === upstreamName) return original;
    return upstreamName;
  };
  return { sanitize, map, restore };
}

/** OpenAI's function-name rule (Chat Completions and Responses): `^[a-zA-Z0-9_-]{1,64}$`. */
export const OPENAI_TOOL_NAMES = createToolNameCodec({ invalid: /[^A-Za-z0-9_-]/g, maxLength: 64 });

/** Every tool name a request uses: definitions (not built-ins), calls and results in the history, the choice. */
export function toolNamesIn(request: IrRequest): string[] {
  const names: string[] = [];
  for (const tool of request.tools ?? []) if (tool.type !== 'builtin') names.push(tool.name);
  for (const message of request.messages) {
    for (const part of message.content) {
      if (part.type === 'tool-call') names.push(part.name);
      else if (part.type === 'tool-result' && part.toolName) names.push(part.toolName);
    }
  }
  if (request.toolChoice?.type === 'tool') names.push(request.toolChoice.name);
  return names;
}
