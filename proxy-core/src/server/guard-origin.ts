import type { IncomingMessage } from 'node:http';
import { ProxyError } from '../shared/errors.js';

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;
const LOCAL_HOSTNAME = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/** Web origins must be this machine; desktop webviews (`file:`, `app:`, `vscode-webview:` …) are local by nature. */
function isLocalOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? LOCAL_HOSTNAME.test(url.hostname) : true;
  } catch {
    return false;
  }
}

/**
 * When no client keys are configured the proxy trusts loopback. Web pages run on loopback too (in the
 * user's browser), so refuse requests from other sites (an `Origin` that is not local, or `null`, which
 * sandboxed iframes and `data:` pages send) and DNS-rebinding requests (a `Host` that is not local).
 * Applied to every client request and every WebSocket upgrade.
 */
export function guardKeylessRequest(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin !== undefined && (origin === 'null' || !isLocalOrigin(origin))) {
    throw new ProxyError(
      `Requests from web pages (${origin === 'null' ? 'Origin: null, sent by sandboxed frames and file:// pages' : origin}) are refused while api-keys is empty. Add a client key to api-keys in config.yaml to allow browser clients.`,
      { status: 403, code: 'forbidden' },
    );
  }
  const host = req.headers.host;
  if (host && !LOCAL_HOST.test(host)) {
    throw new ProxyError(
      `Without api-keys the proxy only serves programs on its own machine, addressed as localhost or 127.0.0.1 (this request named "${host}"; refused as DNS rebinding protection). To use it from other machines, add a client key to api-keys in config.yaml.`,
      { status: 403, code: 'forbidden' },
    );
  }
}
