import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createBcryptVerifier } from './bcrypt-verifier.js';

/** Wrong keys allowed before a remote address is banned or loopback callers are slowed down. */
export const MAX_FAILURES = 5;
/** How long a remote address is banned after MAX_FAILURES wrong keys (the reference's 30 minutes). */
export const BAN_MS = 30 * 60_000;
/** Loopback: the first wait after MAX_FAILURES wrong keys; it doubles with each further wrong key … */
export const FIRST_DELAY_MS = 1000;
/** … up to this. */
export const MAX_DELAY_MS = 60_000;
/** Wrong keys older than this are forgotten. */
export const FAILURE_MEMORY_MS = 15 * 60_000;
/** Every loopback caller (127.0.0.0/8, ::1) shares one counter, so rotating source addresses gains nothing. */
export const LOOPBACK_SCOPE = 'loopback';

export interface ManagementAuthSettings {
  /** `remote-management.secret-key`: plaintext or a bcrypt hash. */
  secretKey: string;
  allowRemote: boolean;
  /** A per-launch key from the embedding app (the desktop window, `cliproxyctl`); accepted from loopback only, never blocked. */
  localKey?: string;
}

export interface ManagementRequest {
  address: string;
  isLoopback: boolean;
  presented: string | undefined;
  /** A browser request from another site (Origin / Sec-Fetch-Site): refused and not counted. */
  crossOrigin?: string;
}

export type AuthDecision =
  | { ok: true }
  | { ok: false; status: 401 | 403 | 404 | 429; code: 'disabled' | 'remote_disabled' | 'cross_origin' | 'missing_key' | 'unauthorized' | 'banned' | 'throttled'; message: string; counted?: boolean; retryAfterSeconds?: number };

/** An active ban (remote address) or delay (all loopback callers). */
export interface ManagementBlock {
  scope: string;
  kind: 'ban' | 'delay';
  until: number;
  failures: number;
}

export interface ManagementAuth {
  enabled(settings: ManagementAuthSettings): boolean;
  check(settings: ManagementAuthSettings, request: ManagementRequest): Promise<AuthDecision>;
  /** Active bans and delays, for diagnostics and the dashboard. */
  blocks(): ManagementBlock[];
  /** Lifts every ban and delay and forgets counted failures; returns how many scopes were cleared. */
  clear(): number;
  close(): void;
}

export function isBcryptHash(value: string): boolean {
  return /^\$2[aby]\$\d\d\$/.test(value);
}

function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

interface Scope {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
  inflight: number;
}

const RECOVER = 'Lift it with `cliproxyctl doctor --fix` (or the Troubleshooting page in the desktop window), or restart the proxy.';

/**
 * Management authentication: disabled → remote allowed → cross-origin browser request → key present (none of
 * these count as failures) → the per-launch local key (never blocked) → a key verified before (an HMAC digest,
 * compared in constant time) → the throttle (checked before any hashing) → bcrypt in a worker, once per distinct
 * key. Wrong keys from a remote address ban it for 30 minutes after five; on loopback they add a growing delay
 * shared by all of 127/8 and ::1 (see docs/decisions/2026-12-08-04-management-auth.md).
 */
export function createManagementAuth(options: { now: () => number; compare?: (presented: string, hash: string) => Promise<boolean>; onBlock?: (block: ManagementBlock) => void }): ManagementAuth {
  const verifier = options.compare ? undefined : createBcryptVerifier();
  const compare = options.compare ?? verifier!.compare;
  const digestKey = randomBytes(32);
  const digest = (secret: string, presented: string) => createHmac('sha256', digestKey).update(secret).update('\0').update(presented).digest();
  let verified: Buffer[] = [];
  const rejected = new Map<string, true>();
  const pending = new Map<string, Promise<boolean>>();
  const scopes = new Map<string, Scope>();

  const scopeOf = (name: string): Scope => {
    let scope = scopes.get(name);
    const now = options.now();
    if (scope && scope.inflight === 0 && scope.blockedUntil <= now && now - scope.lastFailure > FAILURE_MEMORY_MS) scope = undefined;
    if (!scope) {
      scope = { failures: 0, lastFailure: 0, blockedUntil: 0, inflight: 0 };
      scopes.set(name, scope);
    }
    return scope;
  };

  const blockedAnswer = (name: string, scope: Scope): AuthDecision => {
    const seconds = Math.max(1, Math.ceil((scope.blockedUntil - options.now()) / 1000));
    if (name === LOOPBACK_SCOPE) {
      return { ok: false, status: 429, code: 'throttled', retryAfterSeconds: seconds, message: `Too many wrong management keys from this machine (${scope.failures}): wait ${seconds} s before the next try, then use the key you were given at first start (config.yaml keeps only its hash). ${RECOVER}` };
    }
    return { ok: false, status: 403, code: 'banned', retryAfterSeconds: seconds, message: `Too many wrong management keys: ${name} is banned for ${Math.ceil(seconds / 60)} more minute(s). ${RECOVER}` };
  };

  const fail = (name: string, scope: Scope): AuthDecision => {
    const now = options.now();
    scope.failures += 1;
    scope.lastFailure = now;
    if (scope.failures >= MAX_FAILURES) {
      const wait = name === LOOPBACK_SCOPE ? Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (scope.failures - MAX_FAILURES)) : BAN_MS;
      scope.blockedUntil = now + wait;
      options.onBlock?.({ scope: name, kind: name === LOOPBACK_SCOPE ? 'delay' : 'ban', until: scope.blockedUntil, failures: scope.failures });
      return { ...blockedAnswer(name, scope), counted: true } as AuthDecision;
    }
    const left = MAX_FAILURES - scope.failures;
    return { ok: false, status: 401, code: 'unauthorized', counted: true, message: `Wrong management key (${left} more wrong key(s) before ${name === LOOPBACK_SCOPE ? 'tries from this machine are slowed down' : 'this address is banned'}). Use the key shown when the proxy first started; config.yaml keeps only its bcrypt hash, which is not the key.` };
  };

  const isVerified = (candidate: Buffer) => verified.some((known) => timingSafeEqual(known, candidate));

  return {
    enabled: (settings) => settings.secretKey !== '' || Boolean(settings.localKey),
    async check(settings, request) {
      if (!this.enabled(settings)) {
        return { ok: false, status: 404, code: 'disabled', message: 'The management API is disabled: set remote-management.secret-key in config.yaml, or run `cliproxyctl doctor --fix` to get a key.' };
      }
      if (!request.isLoopback && !settings.allowRemote) {
        return { ok: false, status: 403, code: 'remote_disabled', message: 'Remote management is disabled: only this machine may use it (remote-management.allow-remote).' };
      }
      if (request.crossOrigin) {
        return { ok: false, status: 403, code: 'cross_origin', message: `Management refuses requests from other web pages (${request.crossOrigin}); open the dashboard at /ui on this proxy instead.` };
      }
      const presented = request.presented;
      if (!presented) return { ok: false, status: 401, code: 'missing_key', message: "Missing management key: send 'Authorization: Bearer <key>' or 'X-Management-Key: <key>'." };
      if (request.isLoopback && settings.localKey && constantTimeEquals(settings.localKey, presented)) return { ok: true };

      const name = request.isLoopback ? LOOPBACK_SCOPE : request.address;
      const secret = settings.secretKey;
      const mark = secret ? digest(secret, presented) : undefined;
      if (mark && isVerified(mark)) return { ok: true };
      const scope = scopeOf(name);
      if (scope.blockedUntil > options.now()) return blockedAnswer(name, scope);
      if (!secret || !mark) return fail(name, scope);
      const hex = mark.toString('hex');
      if (rejected.has(hex)) return fail(name, scope);

      let answer = pending.get(hex);
      if (!answer) {
        // Rate limit before hashing: never more attempts in flight than wrong keys are still allowed.
        const allowed = scope.failures >= MAX_FAILURES ? scope.inflight === 0 : scope.failures + scope.inflight < MAX_FAILURES;
        if (!allowed) return { ok: false, status: 429, code: 'throttled', retryAfterSeconds: 1, message: 'Too many management key checks at once from here: retry in a second.' };
        scope.inflight += 1;
        answer = isBcryptHash(secret) ? compare(presented, secret) : Promise.resolve(constantTimeEquals(secret, presented));
        pending.set(hex, answer);
        try {
          await answer;
        } finally {
          scope.inflight -= 1;
          pending.delete(hex);
        }
        if (await answer) {
          if (verified.length >= 16) verified = verified.slice(-8);
          verified.push(mark);
          scope.failures = 0;
          scope.blockedUntil = 0;
          return { ok: true };
        }
        if (rejected.size >= 1000) rejected.clear();
        rejected.set(hex, true);
        return fail(name, scope);
      }
      // The same key is being checked for another request: share its answer, count it once.
      return (await answer) ? { ok: true } : { ok: false, status: 401, code: 'unauthorized', message: 'Wrong management key.' };
    },
    blocks() {
      const now = options.now();
      return [...scopes.entries()]
        .filter(([, scope]) => scope.blockedUntil > now)
        .map(([name, scope]) => ({ scope: name, kind: name === LOOPBACK_SCOPE ? ('delay' as const) : ('ban' as const), until: scope.blockedUntil, failures: scope.failures }));
    },
    clear() {
      const count = [...scopes.values()].filter((scope) => scope.failures > 0 || scope.blockedUntil > 0).length;
      for (const scope of scopes.values()) {
        scope.failures = 0;
        scope.blockedUntil = 0;
      }
      return count;
    },
    close() {
      verifier?.close();
    },
  };
}
