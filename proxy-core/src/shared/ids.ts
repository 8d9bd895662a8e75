import { createHash, randomBytes } from 'node:crypto';

/** 8 hex characters, like the reference's request ids. */
export function createRequestId(): string {
  return randomBytes(4).toString('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A random url-safe secret with a readable prefix, e.g. `sk-cliproxy-…`. */
export function randomSecret(prefix: string, length = 32): string {
  return prefix + randomBytes(Math.ceil((length * 3) / 4)).toString('base64url').slice(0, length);
}
