import { createHash } from 'node:crypto';
import type { AccountRecord } from '../../credentials/account.js';
import { isoTime, readExpiry, readTime } from '../../credentials/account-entry.js';
import { fileNamePart } from '../../credentials/account-files.js';
import { decodeJwtClaims } from '../../login/jwt.js';
import { OPENAI_AUTH_CLAIM } from './oauth-endpoints.js';
import { text } from '../../shared/json-values.js';


/** What OpenAI's `id_token` says about the ChatGPT account (claim `https://api.openai.com/auth`, plus `email`). */
export interface CodexAccountFacts {
  email?: string;
  accountId?: string;
  plan?: string;
  userId?: string;
  organizationId?: string;
  subscriptionUntil?: string;
}

export function accountFacts(idToken: string | undefined): CodexAccountFacts {
  const claims = decodeJwtClaims(idToken) ?? {};
  const auth = (claims[OPENAI_AUTH_CLAIM] && typeof claims[OPENAI_AUTH_CLAIM] === 'object' ? claims[OPENAI_AUTH_CLAIM] : {}) as Record<string, unknown>;
  const organizations = Array.isArray(auth.organizations) ? (auth.organizations as Array<Record<string, unknown>>) : [];
  const organization = organizations.find((item) => item?.is_default === true) ?? organizations[0];
  const until = auth.chatgpt_subscription_active_until;
  return {
    email: text(claims.email),
    accountId: text(auth.chatgpt_account_id),
    plan: text(auth.chatgpt_plan_type)?.toLowerCase(),
    userId: text(auth.chatgpt_user_id) ?? text(auth.user_id),
    organizationId: text(organization?.id),
    subscriptionUntil: typeof until === 'string' ? until : typeof until === 'number' ? new Date(until * 1000).toISOString() : undefined,
  };
}

/** The `exp` of a JWT access token (OpenAI's are JWTs), for files that carry no `expired`. */
function jwtExpiry(token: string): number | undefined {
  const exp = decodeJwtClaims(token)?.exp;
  return typeof exp === 'number' && exp > 0 ? exp * 1000 : undefined;
}

/** Tokens plus the id_token's facts → a record (the account id in the file wins over the claim). */
export function codexRecord(input: { accessToken: string; refreshToken?: string; idToken?: string; accountId?: string; email?: string; expiresAt?: number; refreshedAt?: number; plan?: string }): AccountRecord {
  const facts = accountFacts(input.idToken);
  const email = input.email ?? facts.email;
  const accountId = input.accountId ?? facts.accountId;
  const plan = facts.plan ?? input.plan;
  const attributes: Record<string, string> = {};
  if (accountId) attributes.accountId = accountId;
  if (facts.userId) attributes.userId = facts.userId;
  if (facts.organizationId) attributes.organizationId = facts.organizationId;
  if (facts.subscriptionUntil) attributes.subscriptionUntil = facts.subscriptionUntil;
  return {
    tokens: {
      accessToken: input.accessToken,
      refreshToken: input.refreshToken,
      idToken: input.idToken,
      expiresAt: input.expiresAt ?? jwtExpiry(input.accessToken),
      refreshedAt: input.refreshedAt,
    },
    label: email ?? (accountId ? `ChatGPT account ${accountId.slice(0, 8)}` : 'ChatGPT account'),
    email,
    // Members of one ChatGPT workspace share its account id: the e-mail tells them apart.
    identity: accountId || email ? `${accountId ?? ''}|${email ?? ''}` : input.accessToken.slice(-16),
    plan,
    attributes,
  };
}

/**
 * `codex-*.json` as CLIProxyAPI writes it: `{type: "codex", id_token, access_token, refresh_token, account_id,
 * last_refresh, email, expired}`. The plan comes from the id_token (or a `plan_type` field some files carry).
 */
export function parseCodexFile(data: Record<string, unknown>): AccountRecord {
  const accessToken = text(data.access_token);
  if (!accessToken) throw new Error('it has no access_token (log in again to recreate it)');
  return codexRecord({
    accessToken,
    refreshToken: text(data.refresh_token),
    idToken: text(data.id_token),
    accountId: text(data.account_id),
    email: text(data.email),
    expiresAt: readExpiry(data),
    refreshedAt: readTime(data.last_refresh),
    plan: text(data.plan_type)?.toLowerCase(),
  });
}

export function codexFile(record: AccountRecord, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const { tokens, attributes } = record;
  return {
    ...previous,
    type: 'codex',
    id_token: tokens.idToken ?? previous.id_token ?? '',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken ?? previous.refresh_token ?? '',
    account_id: attributes.accountId ?? previous.account_id ?? '',
    last_refresh: isoTime(tokens.refreshedAt) ?? previous.last_refresh,
    email: record.email ?? previous.email ?? '',
    expired: isoTime(tokens.expiresAt) ?? previous.expired,
  };
}

/** CLIProxyAPI's plan part of a file name: lower-case letters and digits joined by `-`. */
function planPart(plan: string | undefined): string {
  return (plan ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join('-');
}

/** `codex-<hash8>-<email>-<plan>.json` (hash8 = first 8 hex of sha256(account id)); parts that are unknown are left out. */
export function codexFileName(record: AccountRecord): string {
  const accountId = record.attributes.accountId;
  const parts = [
    accountId ? createHash('sha256').update(accountId).digest('hex').slice(0, 8) : '',
    fileNamePart(record.email ?? accountId ?? record.identity),
    planPart(record.plan),
  ].filter(Boolean);
  return `codex-${parts.join('-')}.json`;
}
