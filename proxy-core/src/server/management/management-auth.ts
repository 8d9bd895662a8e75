import { timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { sha256Hex } from '../../shared/ids.js';

export const MAX_FAILURES = 5;
export const BAN_MS = 30 * 60_000;

export interface ManagementAuthSettings {
  /** `remote-management.secret-key`: plaintext or a bcrypt hash. */
  secretKey: string;
  allowRemote: boolean;
  /** A per-launch key from the embedding app (the desktop window); accepted from loopback only. */
  localKey?: string;
}

export type AuthDecision =
  | { ok: true }
  | { ok: false; status: 404 | 401 | 403; message: string; banned?: boolean; counted?: boolean };

export interface ManagementAuth {
  enabled(settings: ManagementAuthSettings): boolean;
  check(settings: ManagementAuthSettings, address: string, isLoopback: boolean, presented: string | undefined): AuthDecision;
  /** Addresses currently banned, for diagnostics. */
  bans(): Array<{ address: string; until: number }>;
}

function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function isBcryptHash(value: string): boolean {
  return /^\$2[aby]\$\d\d\$/.test(value);
}

/**
 * Management authentication, in the reference's order: ban → locality (socket address, never
 * X-Forwarded-For) → key. Five bad keys from one address ban it for 30 minutes. bcrypt comparisons are
 * cached per presented key so the UI's many requests stay fast.
 */
export function createManagementAuth(options: { now: () => number; onBan?: (address: string, until: number) => void }): ManagementAuth {
  const failures = new Map<string, number>();
  const banned = new Map<string, number>();
  const verified = new Map<string, boolean>();

  const matches = (secret: string, presented: string): boolean => {
    if (!isBcryptHash(secret)) return constantTimeEquals(secret, presented);
    const cacheKey = `${sha256Hex(secret)}:${sha256Hex(presented)}`;
    const cached = verified.get(cacheKey);
    if (cached !== undefined) return cached;
    const result = bcrypt.compareSync(presented, secret);
    if (verified.size > 1000) verified.clear();
    verified.set(cacheKey, result);
    return result;
  };

  const fail = (address: string, message: string): AuthDecision => {
    const count = (failures.get(address) ?? 0) + 1;
    if (count >= MAX_FAILURES) {
      failures.delete(address);
      const until = options.now() + BAN_MS;
      banned.set(address, until);
      options.onBan?.(address, until);
      return { ok: false, status: 403, message: `Too many failed attempts: ${address} is banned for 30 minutes.`, banned: true, counted: true };
    }
    failures.set(address, count);
    return { ok: false, status: 401, message, counted: true };
  };

  return {
    enabled: (settings) => settings.secretKey !== '' || Boolean(settings.localKey),
    check(settings, address, isLoopback, presented) {
      if (!this.enabled(settings)) {
        return { ok: false, status: 404, message: 'The management API is disabled: set remote-management.secret-key in config.yaml.' };
      }
      const bannedUntil = banned.get(address);
      if (bannedUntil !== undefined) {
        if (bannedUntil > options.now()) {
          const minutes = Math.ceil((bannedUntil - options.now()) / 60_000);
          return { ok: false, status: 403, message: `Too many failed attempts: ${address} is banned; try again in ${minutes} minute(s).`, banned: true };
        }
        banned.delete(address);
      }
      if (!isLoopback && !settings.allowRemote) {
        return { ok: false, status: 403, message: 'Remote management is disabled: only this machine may use it (remote-management.allow-remote).' };
      }
      if (!presented) return fail(address, "Missing management key: send 'Authorization: Bearer <key>' or 'X-Management-Key: <key>'.");
      if (isLoopback && settings.localKey && constantTimeEquals(settings.localKey, presented)) {
        failures.delete(address);
        return { ok: true };
      }
      if (settings.secretKey && matches(settings.secretKey, presented)) {
        failures.delete(address);
        return { ok: true };
      }
      return fail(address, 'Invalid management key.');
    },
    bans: () => [...banned.entries()].filter(([, until]) => until > options.now()).map(([address, until]) => ({ address, until })),
  };
}
