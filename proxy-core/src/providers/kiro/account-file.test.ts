import { describe, expect, it } from 'vitest';
import { kiroFile, kiroFileName, parseKiroFile } from './account-file.js';
import { kiroAuthRegion, kiroRegion } from './endpoints.js';

// A file as the reference fork writes it (sdk/auth/kiro.go, auth/kiro/token.go).
const forkFile = {
  type: 'kiro',
  access_token: 'aoa-access',
  refresh_token: 'aor-refresh',
  profile_arn: 'arn:aws:codewhisperer:eu-central-1:699475941385:profile/EHGA3GRVQMUK',
  expires_at: '2026-12-08T04:00:00Z',
  auth_method: 'IdC',
  provider: 'AWS',
  client_id: 'cid',
  client_secret: 'csecret',
  region: 'eu-west-1',
  start_url: 'https://my-org.awsapps.com/start',
  email: 'dev@example.com',
  last_refresh: '2026-12-08T03:00:00Z',
  custom_field: 'kept',
};

describe('Kiro account files', () => {
  it('reads the fork’s file and writes it back with unknown fields kept', () => {
    const record = parseKiroFile(forkFile);
    expect(record).toMatchObject({
      tokens: { accessToken: 'aoa-access', refreshToken: 'aor-refresh', expiresAt: Date.parse('2026-12-08T04:00:00Z'), refreshedAt: Date.parse('2026-12-08T03:00:00Z') },
      label: 'dev@example.com',
      identity: 'email:dev@example.com',
      attributes: { authMethod: 'idc', clientId: 'cid', region: 'eu-west-1', startUrl: 'https://my-org.awsapps.com/start' },
    });
    expect(kiroFile(record, forkFile)).toEqual({ ...forkFile, auth_method: 'idc', expires_at: '2026-12-08T04:00:00.000Z', last_refresh: '2026-12-08T03:00:00.000Z' });
    expect(kiroFileName(record)).toBe('kiro-idc-dev@example.com.json');
  });

  it('logins and refreshes use the login region; CodeWhisperer the profile ARN’s (or api_region)', () => {
    const record = parseKiroFile(forkFile);
    expect(kiroAuthRegion(record.attributes)).toBe('eu-west-1');
    expect(kiroRegion(record.attributes)).toBe('eu-central-1');
    expect(kiroRegion(parseKiroFile({ ...forkFile, api_region: 'us-east-1' }).attributes)).toBe('us-east-1');
  });

  it('a social file needs no client; a Builder ID file without one cannot refresh and says so', () => {
    const social = parseKiroFile({ type: 'kiro', access_token: 'a', refresh_token: 'r', auth_method: 'social', provider: 'Github' });
    expect(social.attributes).toEqual({ authMethod: 'social', provider: 'Github' });
    expect(kiroFileName(social)).toMatch(/^kiro-github-[0-9a-f]{16}\.json$/);
    expect(() => parseKiroFile({ type: 'kiro', access_token: 'a', refresh_token: 'r', auth_method: 'builder-id' })).toThrow('auth_method is "builder-id" but client_id / client_secret are missing, so it cannot be refreshed (log in again)');
    expect(() => parseKiroFile({ type: 'kiro' })).toThrow(/no access_token/);
  });
});
