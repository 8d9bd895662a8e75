export { createRelayHub, RELAY_PATH, RELAY_SCHEME, type RelayHub, type RelayHubDeps } from './relay-hub.js';
export { createRelayingHttpClient } from './relay-http-client.js';
