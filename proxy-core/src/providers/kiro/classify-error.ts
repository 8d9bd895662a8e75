import type { ErrorClassification, ErrorInput } from '../provider-definition.js';

const MINUTE = 60_000;

/** The upstream's message: `{message}` / `{Message}` / `{reason}` JSON (AWS JSON errors), else the text. */
function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const parts = [parsed.__type ?? parsed._type, parsed.reason, parsed.message ?? parsed.Message].filter((value) => typeof value === 'string' && value);
    if (parts.length > 0) return parts.map((value) => String(value).replace(/^.*#/, '')).join(': ');
  } catch {
    // not JSON
  }
  return body.trim().slice(0, 300) || 'no details';
}

/**
 * Kiro's errors → cooldowns ([PP] pkg/llmproxy/executor/kiro_executor.go L555-720, auth/kiro/cooldown.go):
 *  - 403 `SUSPENDED` / `TEMPORARILY_SUSPENDED` → the account rests 24 h ("account suspended");
 *  - 403 about the token (expired / invalid / unauthorized) → the account needs its token renewed;
 *  - 402 or a monthly-limit body → quota used up: traffic moves to the next account until the reset;
 *  - 429 → throttled: a short cooldown (Retry-After, else 1 min, at most 5 min) and the next account;
 *  - 400 "improperly formed request" / ValidationException → the request itself: no cooldown, told to the client.
 */
export function classifyKiroError(input: ErrorInput): ErrorClassification | undefined {
  const detail = messageOf(input.body);
  const text = `${detail} ${input.body}`;
  if (input.status === 403 && /TEMPORARILY_SUSPENDED|SUSPENDED/.test(text)) {
    const message = `Kiro suspended this account (${detail}); it rests for 24 hours. Check the account in the Kiro IDE or AWS console.`;
    return { failure: { reason: 'quota', status: 403, retryAfterMs: 24 * 60 * MINUTE, wholeCredential: true, message }, message };
  }
  if (input.status === 403 && /token|expired|invalid|unauthori[sz]ed/i.test(text)) {
    const message = `Kiro refused this account's token (${detail}). Log in to it again if this repeats.`;
    return { failure: { reason: 'unauthorized', status: 403, wholeCredential: true, message }, message };
  }
  if (input.status === 402 || /MONTHLY_REQUEST_COUNT|monthly (request )?limit|quota (is )?exhausted|usage limit/i.test(text)) {
    const message = `This Kiro account's credits are used up (${detail}); requests go to the next account until the monthly reset.`;
    return { failure: { reason: 'quota', status: input.status, retryAfterMs: 60 * MINUTE, wholeCredential: true, message }, message, status: 429 };
  }
  if (input.status === 429) {
    const retryAfter = Number(input.headers['retry-after']);
    const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 5 * MINUTE) : MINUTE;
    const message = `Kiro is throttling this account (${detail}).`;
    return { failure: { reason: 'quota', status: 429, retryAfterMs: wait, message }, message };
  }
  if (input.status === 400 && /improperly formed|ValidationException|Input is too long|CONTENT_LENGTH_EXCEEDS/i.test(text)) {
    return { failure: null, message: `Kiro refused the request as improperly formed (${detail}). Shorten the conversation or simplify the tools and try again.`, status: 400 };
  }
  return undefined;
}
