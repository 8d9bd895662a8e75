import { createHash, randomUUID } from 'node:crypto';

/**
 * The Kiro IDE's headers on CodeWhisperer calls ([PP] pkg/llmproxy/executor/kiro_executor.go L45-56,
 * L470-495; auth/kiro/fingerprint.go `BuildUserAgent`, `BuildAmzUserAgent`).
 */
export const KIRO_IDE_VERSION = '0.7.45';
export const KIRO_SDK_VERSION = '1.0.27';

/** A stable per-account machine hash (the IDE sends one per install; the fork derives one per token). */
export function machineHash(seed: string): string {
  return createHash('sha256').update(`cliproxy-kiro:${seed}`).digest('hex');
}

/** `seed` identifies the account (profile ARN, client id or e-mail) so its fingerprint stays put across refreshes. */
export function kiroApiHeaders(accessToken: string, seed = accessToken): Record<string, string> {
  const hash = machineHash(seed);
  return {
    authorization: `Bearer ${accessToken}`,
    'content-type': 'application/json',
    accept: '*/*',
    'user-agent': `aws-sdk-js/${KIRO_SDK_VERSION} ua/2.1 os/darwin#24.6.0 lang/js md/nodejs#22.21.1 api/codewhispererstreaming#${KIRO_SDK_VERSION} m/E KiroIDE-${KIRO_IDE_VERSION}-${hash}`,
    'x-amz-user-agent': `aws-sdk-js/${KIRO_SDK_VERSION} KiroIDE-${KIRO_IDE_VERSION}-${hash}`,
    'x-amzn-kiro-agent-mode': 'vibe',
    'x-amzn-codewhisperer-optout': 'true',
    'amz-sdk-request': 'attempt=1; max=3',
    'amz-sdk-invocation-id': randomUUID(),
  };
}

/** The fingerprint seed of an account: whatever identifies it and survives a token refresh. */
export function accountSeed(record: { identity: string; attributes: Readonly<Record<string, string>> }): string {
  return record.attributes.profileArn ?? record.attributes.clientId ?? record.identity;
}
