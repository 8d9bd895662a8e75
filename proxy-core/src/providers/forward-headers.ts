import type { IncomingHttpHeaders } from 'node:http';

/** Copies the named client headers (when present) into `target`. */
export function forwardHeaders(source: IncomingHttpHeaders, names: readonly string[], target: Record<string, string>): void {
  for (const name of names) {
    const value = source[name];
    if (value === undefined) continue;
    target[name] = Array.isArray(value) ? value.join(', ') : value;
  }
}

/** Joins a base URL and a path without doubling or losing slashes. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

export const USER_AGENT = 'cliproxy-desktop/0.1';
