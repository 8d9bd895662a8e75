import type { IncomingMessage } from 'node:http';
import { ProxyError } from '../shared/errors.js';

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;
const LOCAL_ORIGIN = /^(https?|app|file|vscode-webview|electron):\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])?(:\d+)?/i;

/**
 * When no client keys are configured the proxy trusts loopback. Web pages run on loopback too (in the
 * user's browser), so refuse requests from other sites (an `Origin` that is not local) and DNS-rebinding
 * requests (a `Host` that is not local).
 */
export function guardKeylessRequest(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin && origin !== 'null' && !LOCAL_ORIGIN.test(origin)) {
    throw new ProxyError(
      `Requests from web pages (${origin}) are refused while api-keys is empty. Add a client key to api-keys in config.yaml to allow browser clients.`,
      { status: 403, code: 'forbidden' },
    );
  }
  const host = req.headers.host;
  if (host && !LOCAL_HOST.test(host)) {
    throw new ProxyError(`Host "${host}" is not this machine; refused while api-keys is empty (DNS rebinding protection).`, { status: 403, code: 'forbidden' });
  }
}
