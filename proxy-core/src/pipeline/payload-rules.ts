/**
 * config.yaml `payload` rules, applied to the upstream body after translation, as the reference does
 * (CLIProxyAPI internal/runtime/executor/helps/payload_helpers.go ApplyPayloadConfigWithRequest):
 * `default` / `default-raw` set a path only when absent (first matching rule wins), `override` / `override-raw`
 * always set it (last rule wins), `filter` deletes paths. A rule applies when one of its `models` entries matches:
 * name glob (`*` only) against the served model or the model asked for, `protocol` (the upstream's), `from-protocol`
 * (the client's), `headers` (globs), `match` / `not-match` (equal JSON values), `exist` / `not-exist` (non-null).
 * Paths use dot syntax (`a.b.0.c`, `\.` escapes a dot, `-1` appends); gjson queries (`#(...)`) are not supported.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { PayloadModelRule, PayloadRules, PayloadSetRule } from '../config/proxy-config.js';

import type { FormatId } from '../ir/index.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';

export type { PayloadRules };

/** The client's dialect in the reference's `from-protocol` words. */
export const PAYLOAD_FROM_PROTOCOL: Readonly<Record<FormatId, string>> = {
  'openai-chat': 'openai',
  'openai-responses': 'responses',
  'claude-messages': 'claude',
  gemini: 'gemini',
};

/** The upstream in the reference's `protocol` words (its executor names): codex, antigravity, claude, gemini, else openai. */
export function payloadProtocol(provider: Pick<ProviderDefinition, 'id' | 'format'>): string {
  if (provider.id === 'codex' || provider.id === 'antigravity') return provider.id;
  if (provider.format === 'claude-messages') return 'claude';
  if (provider.format === 'gemini') return 'gemini';
  return 'openai';
}

export const NO_PAYLOAD_RULES: PayloadRules = { default: [], defaultRaw: [], override: [], overrideRaw: [], filter: [] };

export interface PayloadContext {
  /** The model sent upstream. */
  model: string;
  /** The model the client asked for (before aliases and suffixes). */
  requestedModel: string;
  /** The upstream protocol in the reference's words: openai, gemini, claude, codex, antigravity. */
  protocol: string;
  /** The client's protocol: openai, responses, gemini, claude. */
  fromProtocol: string;
  headers: IncomingHttpHeaders;
}

export function hasPayloadRules(rules: PayloadRules): boolean {
  return rules.default.length + rules.defaultRaw.length + rules.override.length + rules.overrideRaw.length + rules.filter.length > 0;
}

/** The body with the rules applied; the same buffer when no rule matched or the body is not a JSON object. */
export function applyPayloadRules(rules: PayloadRules, body: Buffer, context: PayloadContext): Buffer {
  if (!hasPayloadRules(rules)) return body;
  const candidates = modelCandidates(context.model, context.requestedModel);
  if (candidates.length === 0) return body;
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (!isObject(json)) return body;
  const original = structuredClone(json);
  let changed = false;
  const matches = (models: PayloadModelRule[]) => models.some((entry) => entryMatches(entry, json, context, candidates));
  const defaulted = new Set<string>();
  const applyDefaults = (list: PayloadSetRule[], raw: boolean) => {
    for (const rule of list) {
      if (!matches(rule.models)) continue;
      for (const [path, value] of Object.entries(rule.params)) {
        if (path.trim() === '' || getPath(original, path) !== undefined || defaulted.has(path)) continue;
        const parsed = raw ? rawValue(value) : { ok: true as const, value };
        if (!parsed.ok || !setPath(json, path, parsed.value)) continue;
        defaulted.add(path);
        changed = true;
      }
    }
  };
  applyDefaults(rules.default, false);
  applyDefaults(rules.defaultRaw, true);
  for (const [list, raw] of [[rules.override, false], [rules.overrideRaw, true]] as const) {
    for (const rule of list) {
      if (!matches(rule.models)) continue;
      for (const [path, value] of Object.entries(rule.params)) {
        const parsed = raw ? rawValue(value) : { ok: true as const, value };
        if (path.trim() === '' || !parsed.ok) continue;
        if (setPath(json, path, parsed.value)) changed = true;
      }
    }
  }
  for (const rule of rules.filter) {
    if (!matches(rule.models)) continue;
    for (const path of rule.params) if (path.trim() !== '' && deletePath(json, path)) changed = true;
  }
  return changed ? Buffer.from(JSON.stringify(json)) : body;
}

/** `*` matches any run of characters; nothing else is special (the reference's matchModelPattern). */
export function matchGlob(pattern: string, value: string): boolean {
  const p = pattern.trim();
  if (p === '') return false;
  const expression = p.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${expression}$`, 's').test(value.trim());
}

function modelCandidates(model: string, requested: string): string[] {
  const out = new Set<string>();
  for (const value of [model.trim(), requested.trim()]) {
    if (value === '') continue;
    // The reference also tries the name without a `(thinking)` suffix.
    const base = value.replace(/\([^()]*\)$/, '').trim();
    if (base !== '') out.add(base);
    out.add(value);
  }
  return [...out];
}

function normalizeFrom(protocol: string): string {
  const value = protocol.trim().toLowerCase();
  return value === 'openai-response' || value === 'openai-responses' || value === 'response' ? 'responses' : value;
}

function entryMatches(entry: PayloadModelRule, body: Record<string, unknown>, context: PayloadContext, candidates: string[]): boolean {
  if (entry.name.trim() === '') return false;
  if (entry.protocol && entry.protocol.trim() !== '' && entry.protocol.trim().toLowerCase() !== context.protocol) return false;
  if (entry.fromProtocol && entry.fromProtocol.trim() !== '' && normalizeFrom(entry.fromProtocol) !== normalizeFrom(context.fromProtocol)) return false;
  for (const [key, pattern] of Object.entries(entry.headers ?? {})) {
    if (key.trim() === '') continue;
    const raw = context.headers[key.trim().toLowerCase()];
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (!values.some((value) => matchGlob(pattern, value))) return false;
  }
  if (!candidates.some((model) => matchGlob(entry.name, model))) return false;
  for (const condition of entry.match ?? []) for (const [path, value] of Object.entries(condition)) if (path.trim() !== '' && !deepEqual(getPath(body, path), value)) return false;
  for (const condition of entry.notMatch ?? []) for (const [path, value] of Object.entries(condition)) if (path.trim() !== '' && deepEqual(getPath(body, path), value)) return false;
  for (const path of entry.exist ?? []) if (path.trim() !== '' && (getPath(body, path) ?? null) === null) return false;
  for (const path of entry.notExist ?? []) if (path.trim() !== '' && (getPath(body, path) ?? null) !== null) return false;
  return true;
}

function rawValue(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) as unknown };
  } catch {
    return { ok: false };
  }
}

function deepEqual(actual: unknown, expected: unknown): boolean {
  if (actual === undefined) return false;
  return JSON.stringify(sortKeys(actual)) === JSON.stringify(sortKeys(expected));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a.b\.c.0` → ['a', 'b.c', '0']. */
export function splitPath(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < path.length; index++) {
    const char = path[index]!;
    if (char === '\\' && index + 1 < path.length) current += path[++index];
    else if (char === '.') {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

const isIndex = (key: string) => /^(0|[1-9]\d*|-1)$/.test(key);

function child(container: unknown, key: string): unknown {
  if (Array.isArray(container)) return isIndex(key) && key !== '-1' ? container[Number(key)] : undefined;
  return isObject(container) && Object.hasOwn(container, key) ? container[key] : undefined;
}

function getPath(root: unknown, path: string): unknown {
  return splitPath(path.trim()).reduce<unknown>((node, key) => (node === undefined ? undefined : child(node, key)), root);
}

function setPath(root: Record<string, unknown>, path: string, value: unknown): boolean {
  const keys = splitPath(path.trim());
  let node: unknown = root;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    const last = index === keys.length - 1;
    if (Array.isArray(node)) {
      if (!isIndex(key)) return false;
      const at = key === '-1' ? node.length : Number(key);
      if (at > node.length) return false;
      if (last) {
        node[at] = structuredClone(value);
        return true;
      }
      if (typeof node[at] !== 'object' || node[at] === null) node[at] = isIndex(keys[index + 1]!) ? [] : {};
      node = node[at];
    } else if (isObject(node)) {
      if (last) {
        node[key] = structuredClone(value);
        return true;
      }
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = isIndex(keys[index + 1]!) ? [] : {};
      node = node[key];
    } else return false;
  }
  return false;
}

function deletePath(root: Record<string, unknown>, path: string): boolean {
  const keys = splitPath(path.trim());
  const parent = getPath(root, keys.slice(0, -1).map((key) => key.replace(/\./g, '\\.')).join('.')) ?? (keys.length === 1 ? root : undefined);
  const key = keys[keys.length - 1]!;
  const container = keys.length === 1 ? root : parent;
  if (Array.isArray(container) && isIndex(key) && Number(key) < container.length) {
    container.splice(Number(key), 1);
    return true;
  }
  if (isObject(container) && Object.hasOwn(container, key)) {
    delete container[key];
    return true;
  }
  return false;
}
