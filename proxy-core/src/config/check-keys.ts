/**
 * Finds keys the schema does not know (kept in the file, reported as warnings with a likely fix) and the one
 * indentation mistake YAML itself accepts: a block key left empty because its settings were not indented
 * (`routing:` then `strategy: fill-first` at the same level), which is reported as an error.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { ConfigProblem } from './config-error.js';
import type { ConfigWarning } from './proxy-config.js';
import { dottedKey, keyText, positionAt } from './yaml-locate.js';

interface SchemaDefinition {
  type: string;
  innerType?: unknown;
  in?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
  valueType?: unknown;
}

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'nonoptional', 'readonly', 'catch', 'pipe']);

/**
 * CLIProxyAPI (and plusplus) settings this app does not implement (reference/inventory-server.md §3.2–3.4).
 * They get a clearer warning than a typo would. `*` stands for a list index.
 */
const REFERENCE_ONLY_KEYS: ReadonlySet<string> = new Set([
  'tls', 'pprof', 'commercial-mode',
  'save-cooldown-status', 'enable-gemini-cli-endpoint',
  'disable-image-generation', 'auth-auto-refresh-workers', 'claude-header-defaults',
  'codex-header-defaults', 'antigravity-signature-cache-enabled', 'antigravity-signature-cache-bypass-strict',
  'plugins', 'credential-concurrency', 'credential-in-flight',
  'disable-claude-cloak-mode', 'claude-code', 'codex', 'xai', 'interactions-api-key',
  'incognito-browser', 'kiro', 'kiro-preferred-endpoint', 'cursor', 'responses-websocket-enabled',
  'responses-compact-enabled',
  'remote-management.disable-auto-update-panel', 'remote-management.panel-github-repository',
  'quota-exceeded.antigravity-credits',
  'claude-api-key.*.cloak', 'codex-api-key.*.websockets', 'openai-compatibility.*.models.*.thinking',
]);

/** Why some reference-only keys are not used, when the reason helps more than "ignored" (decision 15). */
const REFERENCE_ONLY_REASONS: Readonly<Record<string, string>> = {
  'credential-concurrency':
    'in CLIProxyAPI it tunes the lease lifecycle of its Home (cluster coordinator) mode — heartbeats, reclaim and release timings — not a per-account cap, and Home mode overrides local values; this app runs alone (decision 2026-12-08-20)',
  'credential-in-flight':
    'in CLIProxyAPI it sizes the in-flight observation snapshots its Home (cluster coordinator) mode collects, not a per-account cap; this app runs alone (decision 2026-12-08-20)',
  'commercial-mode': 'it turns off CLIProxyAPI\'s request-logging middleware to save memory; here request logs are off unless request-log is true',
};

function definitionOf(schema: unknown): SchemaDefinition | undefined {
  return (schema as { _zod?: { def?: SchemaDefinition } } | undefined)?._zod?.def;
}

/** Strips default/optional/pipe wrappers down to the schema that says object, array, record, string, … */
function unwrap(schema: unknown): SchemaDefinition | undefined {
  let definition = definitionOf(schema);
  while (definition && WRAPPERS.has(definition.type)) definition = definitionOf(definition.innerType ?? definition.in);
  return definition;
}

/** The keys a block takes, and whether it is a list of such blocks. */
function childKeys(schema: unknown): { keys: string[]; list: boolean } | undefined {
  const definition = unwrap(schema);
  if (definition?.type === 'object') return { keys: Object.keys(definition.shape ?? {}), list: false };
  if (definition?.type === 'array') {
    const element = unwrap(definition.element);
    if (element?.type === 'object') return { keys: Object.keys(element.shape ?? {}), list: true };
  }
  return undefined;
}

/** The keys of the block the schema expects at `path` (e.g. `['gemini-api-key', 0]` → api-key, priority, …). */
export function schemaKeysAt(schema: unknown, path: ReadonlyArray<string | number>): string[] | undefined {
  let definition = unwrap(schema);
  for (const segment of path) {
    if (definition?.type === 'object') definition = definition.shape && Object.hasOwn(definition.shape, String(segment)) ? unwrap(definition.shape[String(segment)]) : undefined;
    else if (definition?.type === 'array') definition = unwrap(definition.element);
    else if (definition?.type === 'record') definition = unwrap(definition.valueType);
    else return undefined;
  }
  return definition?.type === 'object' ? Object.keys(definition.shape ?? {}) : undefined;
}

/** Damerau–Levenshtein (optimal string alignment) distance, so `prot` is one edit from `port`. */
function editDistance(left: string, right: string): number {
  const rows = Array.from({ length: left.length + 1 }, (_, row) => [row, ...Array<number>(right.length).fill(0)]);
  for (let column = 1; column <= right.length; column += 1) rows[0][column] = column;
  for (let row = 1; row <= left.length; row += 1) {
    for (let column = 1; column <= right.length; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      rows[row][column] = Math.min(rows[row - 1][column] + 1, rows[row][column - 1] + 1, rows[row - 1][column - 1] + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) {
        rows[row][column] = Math.min(rows[row][column], rows[row - 2][column - 2] + 1);
      }
    }
  }
  return rows[left.length][right.length];
}

function suggest(key: string, known: readonly string[]): string | undefined {
  const normalise = (value: string) => value.toLowerCase().replace(/[-_\s]/g, '');
  const exact = known.find((candidate) => normalise(candidate) === normalise(key));
  if (exact) return exact;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate);
    if (distance <= 2 && distance < key.length / 2 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (isScalar(value) && (value.value === null || value.value === ''));
}

export interface KeyCheck {
  warnings: ConfigWarning[];
  problems: ConfigProblem[];
}

export function checkKeys(document: Document, lineCounter: LineCounter, schema: unknown): KeyCheck {
  const warnings: ConfigWarning[] = [];
  const problems: ConfigProblem[] = [];
  const rootShape = unwrap(schema)?.shape ?? {};
  const lineOf = (node: unknown) => positionAt(lineCounter, (node as Node | null)?.range?.[0] ?? 0);

  const unknownKey = (pair: Pair, key: string, path: Array<string | number>, known: string[]) => {
    const fullPath = [...path, key];
    const pattern = fullPath.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.');
    const where = path.length > 0 ? ` in ${dottedKey(path)}` : '';
    const nearest = suggest(key, known);
    const owner = path.length === 0 ? Object.keys(rootShape).find((block) => childKeys(rootShape[block])?.keys.includes(key)) : undefined;
    let message: string;
    if (REFERENCE_ONLY_KEYS.has(pattern)) {
      const reason = REFERENCE_ONLY_REASONS[pattern];
      message = `"${key}" is a CLIProxyAPI setting that CLIProxy Desktop does not use${reason ? ` (${reason})` : ''}; it is kept in the file and ignored`;
    } else if (nearest) {
      message = `unknown key "${key}"${where} — did you mean "${nearest}"? It is kept in the file but ignored`;
    } else if (owner) {
      message = `unknown top-level key "${key}" — it is a setting of "${owner}:"; move it under that line, indented by two spaces`;
    } else {
      message = `unknown key "${key}"${where}; it is kept in the file but ignored (check the spelling and the indentation)`;
    }
    warnings.push({ key: dottedKey(fullPath), line: lineOf(pair.key).line, message });
  };

  const walk = (node: unknown, nodeSchema: unknown, path: Array<string | number>): void => {
    const definition = unwrap(nodeSchema);
    if (!definition) return;
    if (definition.type === 'object' && isMap(node)) {
      const shape = definition.shape ?? {};
      const known = Object.keys(shape);
      node.items.forEach((pair, index) => {
        const key = keyText(pair.key);
        if (key === undefined || key === '<<') return;
        if (!Object.hasOwn(shape, key)) return unknownKey(pair, key, path, known);
        const children = childKeys(shape[key]);
        const next = node.items[index + 1];
        const nextKey = next ? keyText(next.key) : undefined;
        if (children && isEmptyValue(pair.value) && nextKey && !Object.hasOwn(shape, nextKey) && children.keys.includes(nextKey)) {
          const position = lineOf(next.key);
          const how = children.list
            ? `indent it under "${key}:" as a list entry, e.g. "  - ${nextKey}: …"`
            : `indent "${nextKey}" (and any settings after it) by two spaces so it sits under "${key}:"`;
          problems.push({
            key: dottedKey([...path, key]),
            ...position,
            message: `is empty, but the next line's "${nextKey}" is one of its settings; ${how}`,
          });
        }
        walk(pair.value, shape[key], [...path, key]);
      });
    } else if (definition.type === 'array' && isSeq(node)) {
      node.items.forEach((item, index) => walk(item, definition.element, [...path, index]));
    } else if (definition.type === 'record' && isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (key !== undefined) walk(pair.value, definition.valueType, [...path, key]);
      }
    }
  };

  walk(document.contents, schema, []);
  return { warnings, problems };
}
