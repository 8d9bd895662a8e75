/**
 * Turns zod issues into sentences for people editing YAML by hand: what was expected, what the file has,
 * and the usual fix ("remove the quotes", "write true or false"). Used as the per-parse zod error map, so
 * messages written into the schema itself (e.g. "name is required …") still win.
 */
import { maskSecret } from '../shared/index.js';

interface RawIssue {
  code?: string;
  input?: unknown;
  expected?: string;
  inst?: unknown;
  values?: unknown[];
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  origin?: string;
  format?: string;
  errors?: Array<Array<{ code?: string; message?: string; expected?: string; input?: unknown }>>;
}

const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/**
 * Whether the value at this key path is secret (API keys, the management key, header values, proxy URLs that
 * may carry a password), so messages show it masked. Decided by the last named key: `claude-api-key.0.models`
 * is not secret, `claude-api-key.0.api-key` and `api-keys.3` are.
 */
export function isSecretKeyPath(path: ReadonlyArray<string | number>): boolean {
  if (path.some((segment) => segment === 'headers')) return true;
  const last = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
  return last !== undefined && /(^|-)(key|keys|secret|token|password)$|^proxy-url$|^api-key-entries$/i.test(last);
}

/** How a value from the file reads in a message; `secret` masks strings (`"sk-a…wxyz"`). */
export function describeValue(value: unknown, options: { secret?: boolean } = {}): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string' && options.secret) return JSON.stringify(maskSecret(value));
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a block of key: value settings';
  return String(value);
}

function numberRange(inst: unknown): string {
  const bounds = inst as { minValue?: unknown; maxValue?: unknown } | undefined;
  const min = typeof bounds?.minValue === 'number' && Number.isFinite(bounds.minValue) && Math.abs(bounds.minValue) < UNBOUNDED ? bounds.minValue : undefined;
  const max = typeof bounds?.maxValue === 'number' && Number.isFinite(bounds.maxValue) && Math.abs(bounds.maxValue) < UNBOUNDED ? bounds.maxValue : undefined;
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`;
  if (min !== undefined) return min === 0 ? ' (0 or more)' : ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

function expectedText(expected: string | undefined, inst?: unknown): string {
  switch (expected) {
    case 'number':
      return `a number${numberRange(inst)}`;
    case 'int':
      return `a whole number${numberRange(inst)}`;
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'text';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
    case 'map':
      return 'settings nested under this key';
    default:
      return expected ?? 'a different value';
  }
}

/** The usual fix for a value of the wrong type. */
function typeHint(expected: string | undefined, input: unknown): string {
  if ((expected === 'number' || expected === 'int') && typeof input === 'string' && input.trim() !== '' && Number.isFinite(Number(input))) {
    return '; remove the quotes around the number';
  }
  if (expected === 'boolean' && typeof input === 'string') return '; write true or false, without quotes';
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) {
    return `; put the value in quotes, e.g. "${String(input)}"`;
  }
  if (expected === 'array' && !Array.isArray(input)) return '; write each item on its own line starting with "- "';
  if (expected === 'object' || expected === 'record') {
    if (Array.isArray(input)) return '; remove the "- " in front of the settings under this key';
    return '; put the settings on the lines below this key, indented by two spaces';
  }
  return '';
}

function describeUnion(issue: RawIssue): string {
  const branches = issue.errors ?? [];
  // A branch that failed on something other than the type means the type was right and the value was not.
  const valueProblem = branches.find((branch) => branch.length > 0 && branch.every((inner) => inner.code !== 'invalid_type'));
  if (valueProblem) return withGot(valueProblem[0].message ?? 'invalid value', issue.input);
  const expected = [...new Set(branches.flatMap((branch) => branch.map((inner) => expectedText(inner.expected))))];
  return `expected ${expected.join(' or ')}, got ${describeValue(issue.input)}`;
}

/** Adds `, got <value>` to a message that does not already show the value. */
export function withGot(message: string, input: unknown): string {
  if (input === undefined || input === '' || /\bgot\b/.test(message)) return message;
  if (typeof input === 'object' && input !== null) return message;
  return `${message}, got ${describeValue(input)}`;
}

function describeBound(issue: RawIssue, direction: 'min' | 'max'): string | undefined {
  const limit = direction === 'min' ? issue.minimum : issue.maximum;
  const bound = typeof limit === 'bigint' ? Number(limit) : (limit as number);
  if (issue.origin === 'number' || issue.origin === 'int') {
    const words = direction === 'min' ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
    return `must be ${words} ${bound}, got ${describeValue(issue.input)}`;
  }
  if (issue.origin === 'string') {
    if (direction === 'min' && bound === 1) return 'must not be empty';
    return `must be ${direction === 'min' ? 'at least' : 'at most'} ${bound} characters long`;
  }
  if (issue.origin === 'array') return `needs ${direction === 'min' ? 'at least' : 'at most'} ${bound} items`;
  return undefined;
}

/** The per-parse zod error map: `schema.safeParse(value, { error: describeConfigIssue, reportInput: true })`. */
export function describeConfigIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `required but missing: add it (expected ${expectedText(issue.expected, issue.inst)})`;
      return `expected ${expectedText(issue.expected, issue.inst)}, got ${describeValue(issue.input)}${typeHint(issue.expected, issue.input)}`;
    case 'invalid_value':
      return `expected one of ${(issue.values ?? []).map(String).join(', ')}, got ${describeValue(issue.input)}`;
    case 'too_small':
      return describeBound(issue, 'min');
    case 'too_big':
      return describeBound(issue, 'max');
    case 'invalid_union':
      return describeUnion(issue);
    case 'invalid_format':
      return withGot('has the wrong format', issue.input);
    default:
      return undefined;
  }
}
