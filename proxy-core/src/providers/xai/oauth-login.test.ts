import { describe, expect, it } from 'vitest';
import type { AccountContext } from '../../login/login-types.js';
import type { OAuthRequest } from '../../login/oauth-http.js';
import { discoverXai, refreshXai } from './oauth-login.js';
import { parseXaiFile } from './account-file.js';

function context(discoveryUrl: string, answer: (request: OAuthRequest) => { status: number; json: unknown }): AccountContext & { sent: OAuthRequest[] } {
  const sent: OAuthRequest[] = [];
  return {
    sent,
    http: {
      async request(request) {
        sent.push(request);
        const { status, json } = answer(request);
        return { status, headers: {}, text: JSON.stringify(json), json };
      },
    },
    endpoint: (name) => (name === 'discovery' ? discoveryUrl : `https://unused/${name}`),
    clock: { now: () => 1_000_000 } as AccountContext['clock'],
    log: () => undefined,
  };
}

describe('xAI discovery and refresh', () => {
  it('discovery at auth.x.ai must name https endpoints on x.ai', async () => {
    const good = context('https://auth.x.ai/.well-known/openid-configuration', () => ({ status: 200, json: { device_authorization_endpoint: 'https://auth.x.ai/oauth2/device/code', token_endpoint: 'https://auth.x.ai/oauth2/token' } }));
    expect(await discoverXai(good)).toEqual({ deviceCode: 'https://auth.x.ai/oauth2/device/code', token: 'https://auth.x.ai/oauth2/token' });
    expect(good.sent[0]).toMatchObject({ method: 'GET', url: 'https://auth.x.ai/.well-known/openid-configuration' });
    const offHost = context('https://auth.x.ai/.well-known/openid-configuration', () => ({ status: 200, json: { device_authorization_endpoint: 'https://evil.example/device', token_endpoint: 'https://auth.x.ai/oauth2/token' } }));
    await expect(discoverXai(offHost)).rejects.toThrow("xAI's OIDC discovery names a device_authorization_endpoint that is not an https address on x.ai (https://evil.example/device); refusing it.");
    const trick = context('https://auth.x.ai/.well-known/openid-configuration', () => ({ status: 200, json: { device_authorization_endpoint: 'https://evil.example#.x.ai/d', token_endpoint: 'https://auth.x.ai/oauth2/token' } }));
    await expect(discoverXai(trick)).rejects.toThrow(/names a device_authorization_endpoint that is not an https address on x\.ai/);
    const plainHttp = context('https://auth.x.ai/.well-known/openid-configuration', () => ({ status: 200, json: { device_authorization_endpoint: 'https://auth.x.ai/d', token_endpoint: 'http://auth.x.ai/oauth2/token' } }));
    await expect(discoverXai(plainHttp)).rejects.toThrow("xAI's OIDC discovery names a token_endpoint that is not an https address on x.ai (http://auth.x.ai/oauth2/token); refusing it.");
  });

  it('a refused refresh token is permanent and says to log in again; a good one keeps the e-mail', async () => {
    const record = parseXaiFile({ access_token: 'old', refresh_token: 'r1', email: 'me@x.com', token_endpoint: 'https://auth.x.ai/oauth2/token' });
    const refused = context('https://auth.x.ai/.well-known/openid-configuration', () => ({ status: 400, json: { error: 'invalid_grant' } }));
    await expect(refreshXai(refused, record)).rejects.toMatchObject({ code: 'invalid_grant', permanent: true, nextStep: 'Log in again with cliproxyctl login --provider xai.' });
    expect(refused.sent).toHaveLength(1);
    const ok = context('https://auth.x.ai/.well-known/openid-configuration', () => ({ status: 200, json: { access_token: 'new', refresh_token: 'r2', expires_in: 3600 } }));
    const refreshed = await refreshXai(ok, record);
    expect(ok.sent[0]).toMatchObject({ url: 'https://auth.x.ai/oauth2/token', form: { grant_type: 'refresh_token', client_id: 'b1a00492-073a-47ea-816f-4c329264a828', refresh_token: 'r1' } });
    expect(refreshed).toMatchObject({ label: 'me@x.com', tokens: { accessToken: 'new', refreshToken: 'r2', expiresAt: 1_000_000 + 3_600_000, refreshedAt: 1_000_000 }, attributes: { tokenEndpoint: 'https://auth.x.ai/oauth2/token' } });
  });
});
