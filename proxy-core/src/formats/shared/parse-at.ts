/** Request validation shared by the format decoders: errors name the JSON path of the offending field. */
import type { z } from 'zod';
import { invalidRequest } from '../../shared/errors.js';

/** `['messages', 2, 'content']` → `messages[2].content`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    return `must be of type ${issue.expected} (${issue.message.replace(/^Invalid input: /, '')})`;
  }
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') return issue.message;
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * Parse `value` (found at `path` in the client's body) or throw a 400 `ProxyError` whose message names the
 * first offending field and whose `details.param` is its JSON path.
 */
export function parseAt<T extends z.ZodType>(schema: T, value: unknown, path: ReadonlyArray<PropertyKey>): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = formatPath([...path, ...(issue?.path ?? [])]);
  const where = param === '' ? 'The request body' : `\`${param}\``;
  const reason = issue === undefined ? 'is invalid' : describeIssue(issue);
  throw invalidRequest(`${where} ${reason}.`, { param: param === '' ? null : param });
}

/** A 400 naming `path`. */
export function invalidAt(path: ReadonlyArray<PropertyKey>, message: string): never {
  const param = formatPath(path);
  throw invalidRequest(`\`${param}\` ${message}`, { param });
}

/** A lenient parse: the value, or `undefined` when it does not fit. */
export function parseLenient<T extends z.ZodType>(schema: T, value: unknown): z.output<T> | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}
