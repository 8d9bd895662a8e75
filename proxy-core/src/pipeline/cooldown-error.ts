import type { CooldownEntry } from '../credentials/cooldown.js';
import type { Credential } from '../credentials/credential.js';
import { ProxyError } from '../shared/errors.js';

const REASONS: Record<CooldownEntry['reason'], string> = {
  unauthorized: 'key rejected',
  payment_required: 'not permitted',
  not_found: 'model not found',
  model_not_supported: 'model not supported',
  quota: 'rate limit or quota',
  transient: 'upstream error',
  unreachable: 'upstream unreachable',
};

/** 429 when every credential for a model is cooling: when each resets, why, and the earliest as Retry-After. */
export function cooldownError(model: string, cooling: Array<{ credential: Credential; entry: CooldownEntry }>, now: number): ProxyError {
  const sorted = [...cooling].sort((a, b) => a.entry.until - b.entry.until);
  const earliest = sorted[0]?.entry.until ?? now + 1000;
  const seconds = Math.max(1, Math.ceil((earliest - now) / 1000));
  const list = sorted
    .map(({ credential, entry }) => `${credential.group} ${credential.label} until ${new Date(entry.until).toISOString()} (${REASONS[entry.reason]}${entry.message ? `: ${entry.message}` : ''})`)
    .join('; ');
  return new ProxyError(
    `All ${sorted.length} credential(s) for model "${model}" are cooling down: ${list}. The first is available again in ${seconds}s; retry then, or add another account.`,
    {
      status: 429,
      code: 'model_cooldown',
      scope: 'request',
      retryAfterSeconds: seconds,
      details: {
        model,
        reset_seconds: seconds,
        reset_time: new Date(earliest).toISOString(),
        cooling: sorted.map(({ credential, entry }) => ({
          credential: credential.label,
          provider: credential.group,
          reason: entry.reason,
          status: entry.status ?? null,
          until: new Date(entry.until).toISOString(),
        })),
      },
    },
  );
}
