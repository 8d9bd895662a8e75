import type { HttpClient } from '../pipeline/http-client.js';
import { RELAY_SCHEME, type RelayHub } from './relay-hub.js';

/** Sends `wsrelay://<session>/…` requests over the relay hub, everything else over `inner`. */
export function createRelayingHttpClient(inner: HttpClient, hub: () => RelayHub | undefined): HttpClient {
  return {
    send(request, options) {
      if (!request.url.startsWith(RELAY_SCHEME)) return inner.send(request, options);
      const rest = request.url.slice(RELAY_SCHEME.length);
      const sessionId = rest.split(/[/?]/, 1)[0];
      const relay = hub();
      if (!relay) return Promise.reject(new Error('The AI Studio relay is not running.'));
      return relay.send(sessionId, request, options.signal);
    },
    close: () => inner.close(),
  };
}
