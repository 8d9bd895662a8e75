/**
 * Where the dashboard window may go: it stays on the proxy's origin. Links elsewhere open in the system
 * browser (http and https only); new windows are never created; anything else is refused.
 */
import { isWebUrl } from '../ipc/contract.js';

export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** True when `url` is on `origin` (scheme, host and port all equal). */
export function isSameOrigin(url: string, origin: string | null): boolean {
  return origin !== null && originOf(url) === originOf(origin);
}

export interface NavigationPolicyDeps {
  /** The proxy's origin, or null while it is not running. */
  origin(): string | null;
  openExternal(url: string): unknown;
  log?(message: string): void;
}

export function createNavigationPolicy(deps: NavigationPolicyDeps) {
  const sendOut = (url: string) => {
    if (isWebUrl(url)) void Promise.resolve(deps.openExternal(url)).catch(() => undefined);
    else deps.log?.(`window: refused to open ${url.slice(0, 80)}`);
  };
  return {
    /** For `setWindowOpenHandler`: never a new window; web links go to the browser. */
    windowOpen(details: { url: string }): { action: 'deny' } {
      sendOut(details.url);
      return { action: 'deny' };
    },
    /** For `will-navigate` / `will-redirect`: only the proxy's origin stays in the window. */
    navigate(event: { preventDefault(): void }, url: string): void {
      if (isSameOrigin(url, deps.origin())) return;
      event.preventDefault();
      sendOut(url);
    },
  };
}
