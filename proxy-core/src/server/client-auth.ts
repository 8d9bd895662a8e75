import type { IncomingMessage } from 'node:http';
import type { FormatId } from '../ir/index.js';
import { maskSecret } from '../shared/mask.js';
import { sha256Hex } from '../shared/ids.js';
import { ProxyError } from '../shared/errors.js';

export interface ClientKeyRing {
  /** Label for a key (never the key itself), or undefined when unknown. */
  labelOf(key: string): string | undefined;
  readonly empty: boolean;
}

export function createClientKeyRing(keys: readonly string[]): ClientKeyRing {
  const labels = new Map<string, string>();
  for (const key of keys) labels.set(key, `${maskSecret(key)}#${sha256Hex(key).slice(0, 6)}`);
  return { labelOf: (key) => labels.get(key), empty: labels.size === 0 };
}

const HOW_TO_SEND: Record<FormatId, string> = {
  'openai-chat': "send it as 'Authorization: Bearer <key>'",
  'openai-responses': "send it as 'Authorization: Bearer <key>'",
  'claude-messages': "send it as 'x-api-key: <key>' or 'Authorization: Bearer <key>' (ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN)",
  gemini: "send it as 'x-goog-api-key: <key>' or '?key=<key>'",
};

/** Every place a client may put its key, in the reference's order; all are collected and any may match. */
function candidateKeys(req: IncomingMessage, url: URL): string[] {
  const keys: string[] = [];
  const authorization = req.headers.authorization;
  if (authorization) {
    const bearer = /^bearer\s+(.+)$/i.exec(authorization);
    keys.push((bearer ? bearer[1] : authorization).trim());
  }
  for (const name of ['x-goog-api-key', 'x-api-key'] as const) {
    const value = req.headers[name];
    if (typeof value === 'string' && value) keys.push(value.trim());
  }
  for (const name of ['key', 'auth_token']) {
    const value = url.searchParams.get(name);
    if (value) keys.push(value.trim());
  }
  return keys;
}

/**
 * Client API-key check. With no `api-keys` configured, only loopback clients are served (the reference
 * serves everyone, which turns a LAN-exposed proxy into an open relay).
 */
export function authenticateClient(req: IncomingMessage, url: URL, ring: ClientKeyRing, isLoopback: boolean, format: FormatId): string {
  if (ring.empty) {
    if (isLoopback) return 'local';
    throw new ProxyError(
      'This proxy has no client keys (api-keys in config.yaml), so it only serves requests from this machine. Add a key to api-keys and ' + HOW_TO_SEND[format] + '.',
      { status: 401, code: 'missing_api_key' },
    );
  }
  const keys = candidateKeys(req, url);
  if (keys.length === 0) {
    throw new ProxyError(`Missing API key: ${HOW_TO_SEND[format]}, using one of the keys in api-keys.`, { status: 401, code: 'missing_api_key' });
  }
  for (const key of keys) {
    const label = ring.labelOf(key);
    if (label) return label;
  }
  throw new ProxyError(
    `Invalid API key ${maskSecret(keys[0])}: it is not in api-keys. Check for typos or stray spaces, and ${HOW_TO_SEND[format]}.`,
    { status: 401, code: 'invalid_api_key' },
  );
}
