/**
 * Session-wide protections for the dashboard window: a Content-Security-Policy on every response that lacks
 * one (the dashboard sends its own; error pages may not), and no permissions except clipboard writes from the
 * dashboard (its copy buttons).
 */
import { isSameOrigin } from './navigation-policy.js';

export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: { getURL(): string }, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: { getURL(): string } | null, permission: string, requestingOrigin: string) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void,
    ): void;
  };
}

const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** `headers` with `csp` added when no Content-Security-Policy is present (header names are case-insensitive). */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const result = { ...(headers ?? {}) };
  if (!Object.keys(result).some((name) => name.toLowerCase() === 'content-security-policy')) result['Content-Security-Policy'] = [csp];
  return result;
}

export function hardenSession(session: SessionLike, options: { csp: string; origin(): string | null }): void {
  const allowed = (url: string, permission: string) => ALLOWED_PERMISSIONS.has(permission) && isSameOrigin(url, options.origin());
  session.setPermissionRequestHandler((webContents, permission, callback) => callback(allowed(webContents.getURL(), permission)));
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => allowed(requestingOrigin, permission));
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, options.csp) }));
}
