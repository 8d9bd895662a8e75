import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AccountRecord } from '../../credentials/account.js';
import { isoTime, readExpiry, readTime } from '../../credentials/account-entry.js';
import { fileNamePart } from '../../credentials/account-files.js';

/**
 * `kiro-*.json` in the reference fork's shape ([PP] sdk/auth/kiro.go, pkg/llmproxy/auth/kiro/token.go):
 * `{type: "kiro", access_token, refresh_token, profile_arn, expires_at, auth_method: "builder-id" | "idc" |
 * "social", provider: "AWS" | "Google" | "Github", client_id, client_secret, region, start_url, email,
 * last_refresh}`. Unknown fields are kept on rewrite.
 */
const optionalText = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === 'string' && value.trim() ? value.trim() : undefined));

const kiroFileSchema = z.object({
  access_token: optionalText,
  refresh_token: optionalText,
  profile_arn: optionalText,
  auth_method: optionalText,
  provider: optionalText,
  client_id: optionalText,
  client_secret: optionalText,
  region: optionalText,
  api_region: optionalText,
  start_url: optionalText,
  email: optionalText,
});

export type KiroAuthMethod = 'builder-id' | 'idc' | 'social';

/** `auth_method` as the fork and the Kiro IDE spell it (`IdC`, `social`, `builder-id`, or missing). */
export function normaliseAuthMethod(value: string | undefined, hasClient: boolean): KiroAuthMethod {
  const method = (value ?? '').toLowerCase().replace(/[_\s]/g, '-');
  if (method === 'social') return 'social';
  if (method === 'idc' || method === 'iam-identity-center') return 'idc';
  if (method === 'builder-id' || method === 'builderid') return 'builder-id';
  return hasClient ? 'builder-id' : 'social';
}

export interface KiroRecordInput {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: number;
  refreshedAt?: number;
  profileArn?: string;
  authMethod: KiroAuthMethod;
  provider?: string;
  clientId?: string;
  clientSecret?: string;
  region?: string;
  /** The fork's `api_region`: CodeWhisperer's region when it differs from the login's. */
  apiRegion?: string;
  startUrl?: string;
  email?: string;
}

const METHOD_LABEL: Record<KiroAuthMethod, string> = { 'builder-id': 'AWS Builder ID', idc: 'IAM Identity Center', social: 'Kiro' };

/**
 * One account = one e-mail (else profile ARN, else refresh token): importing the IDE cache twice, or importing an account that was
 * logged in here, finds the same identity, so the newer file wins instead of two accounts appearing.
 */
export function kiroRecord(input: KiroRecordInput): AccountRecord {
  const attributes: Record<string, string> = { authMethod: input.authMethod };
  const set = (key: string, value: string | undefined) => {
    if (value) attributes[key] = value;
  };
  set('profileArn', input.profileArn);
  set('provider', input.provider);
  set('clientId', input.clientId);
  set('region', input.region);
  set('apiRegion', input.apiRegion);
  set('startUrl', input.startUrl);
  // The client secret is a credential: it lives in the file and in `clientSecret` below only.
  if (input.clientSecret) attributes.clientSecret = input.clientSecret;
  const identity = input.email ? `email:${input.email.toLowerCase()}` : input.profileArn ? `arn:${input.profileArn}` : input.refreshToken ? `refresh:${createHash('sha256').update(input.refreshToken).digest('hex').slice(0, 16)}` : `token:${createHash('sha256').update(input.accessToken).digest('hex').slice(0, 16)}`;
  return {
    tokens: { accessToken: input.accessToken, refreshToken: input.refreshToken, expiresAt: input.expiresAt, refreshedAt: input.refreshedAt },
    label: input.email ?? `${METHOD_LABEL[input.authMethod]}${input.provider && input.authMethod === 'social' ? ` (${input.provider})` : ''} account${input.profileArn ? ` ${input.profileArn.split('/').at(-1)!.slice(0, 12)}` : ''}`,
    email: input.email,
    identity,
    plan: undefined,
    attributes,
  };
}

export function parseKiroFile(data: Record<string, unknown>): AccountRecord {
  const file = kiroFileSchema.parse(data);
  if (!file.access_token) throw new Error('it has no access_token (log in again with `cliproxyctl login --provider kiro`, or import the Kiro IDE token)');
  const authMethod = normaliseAuthMethod(file.auth_method, Boolean(file.client_id && file.client_secret));
  if (authMethod !== 'social' && file.refresh_token && !(file.client_id && file.client_secret)) {
    throw new Error(`auth_method is "${authMethod}" but client_id / client_secret are missing, so it cannot be refreshed (log in again)`);
  }
  return kiroRecord({
    accessToken: file.access_token,
    refreshToken: file.refresh_token,
    expiresAt: readExpiry(data),
    refreshedAt: readTime(data.last_refresh),
    profileArn: file.profile_arn,
    authMethod,
    provider: file.provider,
    clientId: file.client_id,
    clientSecret: file.client_secret,
    region: file.region,
    apiRegion: file.api_region,
    startUrl: file.start_url,
    email: file.email,
  });
}

export function kiroFile(record: AccountRecord, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const { tokens, attributes } = record;
  const file: Record<string, unknown> = {
    ...previous,
    type: 'kiro',
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken ?? previous.refresh_token ?? '',
    profile_arn: attributes.profileArn ?? previous.profile_arn ?? '',
    expires_at: isoTime(tokens.expiresAt) ?? previous.expires_at,
    auth_method: attributes.authMethod ?? previous.auth_method,
    provider: attributes.provider ?? previous.provider ?? (attributes.authMethod === 'social' ? undefined : 'AWS'),
    region: attributes.region ?? previous.region,
    last_refresh: isoTime(tokens.refreshedAt) ?? previous.last_refresh,
  };
  for (const [key, value] of [
    ['client_id', attributes.clientId],
    ['client_secret', attributes.clientSecret],
    ['start_url', attributes.startUrl],
    ['api_region', attributes.apiRegion],
    ['email', record.email],
  ] as const) {
    if (value) file[key] = value;
  }
  return Object.fromEntries(Object.entries(file).filter(([, value]) => value !== undefined));
}

/** `kiro-<source>-<id>.json` as the fork names them: source = `aws` / `idc` / the social provider; id = e-mail, ARN tail or client id. */
export function kiroFileName(record: AccountRecord): string {
  const { attributes } = record;
  const source = attributes.authMethod === 'idc' ? 'idc' : attributes.authMethod === 'social' ? (attributes.provider ?? 'social').toLowerCase() : 'aws';
  const id = record.email ?? attributes.profileArn?.split('/').at(-1) ?? attributes.clientId ?? record.identity.replace(/^[a-z]+:/, '');
  return `kiro-${source}-${fileNamePart(id)}.json`;
}
