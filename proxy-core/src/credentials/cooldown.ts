/**
 * Cooldowns per (credential, model). A failure cools that pair; `*` cools every model of the credential.
 * Durations follow the reference (inventory-server §4.4): 401/402/403 30 min, 404 and "model not supported"
 * 12 h, 429 `Retry-After` or 1 s·2^n up to 30 min, 408/5xx and unreachable upstreams 60 s.
 */
export type CooldownReason =
  | 'unauthorized'
  | 'payment_required'
  | 'not_found'
  | 'model_not_supported'
  | 'quota'
  | 'transient'
  | 'unreachable';

export interface Failure {
  reason: CooldownReason;
  status?: number;
  /** The upstream's own wait, when it sent one. */
  retryAfterMs?: number;
  /** What the upstream said (already redacted), shown in management and errors. */
  message: string;
  /** Cool every model of the credential, not just this one. */
  wholeCredential?: boolean;
}

export interface CooldownEntry {
  credentialId: string;
  model: string;
  until: number;
  since: number;
  reason: CooldownReason;
  status?: number;
  message: string;
}

export interface CooldownStore {
  /** Epoch ms until which the pair is blocked, or 0 when it is available. */
  blockedUntil(credentialId: string, model: string, now: number): number;
  entryFor(credentialId: string, model: string, now: number): CooldownEntry | undefined;
  fail(credentialId: string, model: string, failure: Failure, now: number): CooldownEntry;
  succeed(credentialId: string, model: string): void;
  clear(credentialId: string, model?: string): number;
  list(now: number, credentialId?: string): CooldownEntry[];
  /** Forget credentials that no longer exist. */
  retain(ids: ReadonlySet<string>): void;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QUOTA_BASE_MS = 1_000;
const QUOTA_MAX_MS = 30 * MINUTE;

export interface CooldownOptions {
  /** `transient-error-cooldown-seconds` in ms for 408/5xx: read per failure (hot reload); 0 = no cooldown. Default 60 s. */
  transientMs?(): number;
}

export function cooldownDuration(failure: Failure, backoffLevel: number, transientMs = MINUTE): number {
  switch (failure.reason) {
    case 'unauthorized':
    case 'payment_required':
      return 30 * MINUTE;
    case 'not_found':
    case 'model_not_supported':
      return 12 * HOUR;
    case 'quota':
      return failure.retryAfterMs !== undefined && failure.retryAfterMs > 0
        ? Math.min(failure.retryAfterMs, 24 * HOUR)
        : Math.min(QUOTA_BASE_MS * 2 ** backoffLevel, QUOTA_MAX_MS);
    case 'transient':
      return transientMs;
    case 'unreachable':
      return MINUTE;
  }
}

export function createCooldownStore(options: CooldownOptions = {}): CooldownStore {
  const byCredential = new Map<string, Map<string, CooldownEntry>>();
  const backoff = new Map<string, number>();

  const active = (credentialId: string, model: string, now: number): CooldownEntry | undefined => {
    const models = byCredential.get(credentialId);
    if (!models) return undefined;
    let found: CooldownEntry | undefined;
    for (const key of [model, '*']) {
      const entry = models.get(key);
      if (!entry) continue;
      if (entry.until <= now) {
        models.delete(key);
        continue;
      }
      if (!found || entry.until > found.until) found = entry;
    }
    if (models.size === 0) byCredential.delete(credentialId);
    return found;
  };

  return {
    blockedUntil(credentialId, model, now) {
      if (byCredential.size === 0) return 0;
      return active(credentialId, model, now)?.until ?? 0;
    },
    entryFor: active,
    fail(credentialId, model, failure, now) {
      const key = failure.wholeCredential ? '*' : model;
      const backoffKey = `${credentialId}\u0000${key}`;
      const level = backoff.get(backoffKey) ?? 0;
      if (failure.reason === 'quota') backoff.set(backoffKey, level + 1);
      const entry: CooldownEntry = {
        credentialId,
        model: key,
        since: now,
        until: now + cooldownDuration(failure, level, options.transientMs?.() ?? MINUTE),
        reason: failure.reason,
        status: failure.status,
        message: failure.message,
      };
      // No cooldown at all (transient-error-cooldown-seconds: -1): the next request may use the pair again.
      if (entry.until <= now) return entry;
      let models = byCredential.get(credentialId);
      if (!models) byCredential.set(credentialId, (models = new Map()));
      models.set(key, entry);
      return entry;
    },
    succeed(credentialId, model) {
      if (backoff.size > 0) backoff.delete(`${credentialId}\u0000${model}`);
      const models = byCredential.get(credentialId);
      if (models?.delete(model) && models.size === 0) byCredential.delete(credentialId);
    },
    clear(credentialId, model) {
      const models = byCredential.get(credentialId);
      if (!models) return 0;
      if (model === undefined) {
        byCredential.delete(credentialId);
        for (const key of [...backoff.keys()]) if (key.startsWith(`${credentialId}\u0000`)) backoff.delete(key);
        return models.size;
      }
      backoff.delete(`${credentialId}\u0000${model}`);
      const removed = models.delete(model) ? 1 : 0;
      if (models.size === 0) byCredential.delete(credentialId);
      return removed;
    },
    list(now, credentialId) {
      const result: CooldownEntry[] = [];
      const ids = credentialId === undefined ? [...byCredential.keys()] : [credentialId];
      for (const id of ids) {
        for (const entry of byCredential.get(id)?.values() ?? []) if (entry.until > now) result.push(entry);
      }
      return result.sort((a, b) => a.until - b.until);
    },
    retain(ids) {
      for (const id of [...byCredential.keys()]) if (!ids.has(id)) byCredential.delete(id);
    },
  };
}
