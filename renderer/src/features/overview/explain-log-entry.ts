import type { LogEntryView } from '../../api/index.js';
import { formatClock } from '../../format/index.js';

const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g;

/** The proxy's own error codes for a request refused at the door because of the client's key (client-auth.ts). */
const CLIENT_KEY_CODES = new Set(['invalid_api_key', 'missing_api_key']);

const CLIENT_KEY_HINT =
  'A program sent this proxy a client key that is not in api-keys (or no key). Your upstream accounts are fine: fix the key in that program\'s settings (copy it from the Overview page).';

/**
 * A request the proxy itself refused for its client key: the error code says so; log lines from before the code
 * was recorded are recognised by a 401 on a client route that never reached an account.
 */
function isClientKeyRefusal(entry: LogEntryView): boolean {
  const fields = entry.fields ?? {};
  if (typeof fields.code === 'string') return CLIENT_KEY_CODES.has(fields.code);
  const error = typeof fields.error === 'string' ? fields.error : '';
  return fields.status === 401 && fields.credential === undefined && /^(Invalid API key|Missing API key|This proxy has no client keys)/.test(error);
}

/**
 * A log line in plain words: the first clause as the title, the rest (the upstream's message) as detail,
 * plus a hint for the failures people meet most (reference/troubleshooting-matrix.md).
 */
export function explainLogEntry(entry: LogEntryView): { title: string; detail: string | null } {
  // Timestamps in log text are UTC ISO strings; people read local clock times.
  const message = entry.message.replace(ISO_TIME, (iso) => formatClock(iso));
  if (isClientKeyRefusal(entry)) {
    const error = typeof entry.fields?.error === 'string' ? entry.fields.error : null;
    return { title: message, detail: [CLIENT_KEY_HINT, error].filter(Boolean).join(' — ') };
  }
  const hints: Array<[RegExp, string]> = [
    [/\b429\b|rate limit|quota/i, 'The upstream is rate limiting this account; it is rested and used again after the cooldown.'],
    [/\b401\b|\b403\b|unauthori[sz]ed|forbidden|invalid api key/i, 'The upstream refused the key or login. Check the key on the Accounts page, or log in again.'],
    [/banned until|the next try waits until/i, 'Too many wrong management keys: a remote address is locked out for 30 minutes, this machine waits between tries. "Lift the lockout" on the Troubleshooting page (or `cliproxyctl doctor --fix`) ends it.'],
    [/management auth failed/i, 'A program sent a wrong management key (the address is in the line). The dashboard and the desktop app keep working; update the key in that program.'],
    [/read-only|not saved/i, 'config.yaml could not be written; changes last until the proxy restarts.'],
    [/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|network|socket/i, 'The upstream could not be reached. Check the network, the base URL or the outbound proxy.'],
    [/config reload failed/i, 'config.yaml has an error; the previous settings stay in use until it is fixed.'],
  ];
  const hint = hints.find(([pattern]) => pattern.test(message))?.[1] ?? null;
  const colon = message.indexOf(': ');
  if (colon > 0 && colon < 140) {
    const title = message.slice(0, colon);
    const rest = message.slice(colon + 2);
    return { title, detail: [hint, rest].filter(Boolean).join(' — ') };
  }
  return { title: message, detail: hint };
}
