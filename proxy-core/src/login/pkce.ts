import { createHash, randomBytes } from 'node:crypto';

export interface Pkce {
  /** Kept secret until the token exchange. */
  verifier: string;
  /** `base64url(sha256(verifier))`, sent with the authorize request. */
  challenge: string;
  method: 'S256';
}

/** RFC 7636 S256: a 43-character verifier from 32 random bytes. */
export function createPkce(random: (size: number) => Buffer = randomBytes): Pkce {
  const verifier = random(32).toString('base64url');
  return { verifier, challenge: challengeFor(verifier), method: 'S256' };
}

export function challengeFor(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** An unguessable `state` value (checked on the callback; replays are refused). */
export function createState(random: (size: number) => Buffer = randomBytes): string {
  return random(24).toString('base64url');
}
