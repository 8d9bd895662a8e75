import type { AccountRecord, QuotaBucket } from '../../credentials/account.js';
import type { AccountContext } from '../../login/login-types.js';
import { jsonObject } from '../../login/oauth-http.js';
import { DEFAULT_KIMI_DEVICE_ID, kimiDeviceHeaders } from './device-headers.js';
import { KIMI_USER_AGENT } from './oauth-endpoints.js';
import { object } from '../../shared/json-values.js';

const number = (value: unknown): number | undefined => {
  const parsed = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
};

/** `resetAt` (time), or `reset_in` / `ttl` (seconds from now). */
function resetTime(usage: Record<string, unknown>, now: number): number | undefined {
  if (typeof usage.resetAt === 'string' && !Number.isNaN(Date.parse(usage.resetAt))) return Date.parse(usage.resetAt);
  const seconds = number(usage.reset_in) ?? number(usage.ttl);
  return seconds === undefined ? undefined : now + seconds * 1000;
}

/** `GET {usage}` → `{usage: {used, limit, remaining, resetAt | reset_in | ttl}}` (reference §5.1 3). */
export async function kimiQuota(context: AccountContext, record: AccountRecord): Promise<QuotaBucket[]> {
  const response = await context.http.request({
    url: context.endpoint('usage'),
    headers: { authorization: `Bearer ${record.tokens.accessToken}`, 'user-agent': KIMI_USER_AGENT, ...kimiDeviceHeaders(record.attributes.deviceId || DEFAULT_KIMI_DEVICE_ID, 'kimi_cli') },
  });
  const usage = object(jsonObject(response, 'The Kimi usage lookup').usage);
  const limit = number(usage.limit);
  const remaining = number(usage.remaining) ?? (limit !== undefined && number(usage.used) !== undefined ? limit - number(usage.used)! : undefined);
  if (limit === undefined && remaining === undefined) return [];
  return [
    {
      id: 'usage',
      label: 'Kimi Code usage',
      limit,
      remaining,
      remainingFraction: limit && remaining !== undefined ? Math.max(0, Math.min(1, remaining / limit)) : undefined,
      resetsAt: resetTime(usage, context.clock.now()),
    },
  ];
}
