import { describe, expect, it } from 'vitest';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { createSystemClock } from '../shared/clock.js';
import { loginOnlyProvider } from './__fixtures__/login-only-provider.js';
import { createLoginService } from './login-service.js';
import type { DevicePollResult } from './login-types.js';
import { OAuthError } from './oauth-error.js';

/** A device flow whose polls answer from a script (an error is thrown). */
function scriptedProvider(script: Array<DevicePollResult | OAuthError>): ProviderDefinition {
  return loginOnlyProvider('scripted', 'Scripted Vendor', {
    device: {
      kind: 'device-code',
      start: async () => ({ handle: {}, userCode: 'AB-CD', verificationUri: 'https://vendor.test/device', intervalSeconds: 1, expiresInSeconds: 60 }),
      async poll() {
        const next = script.shift() ?? { status: 'pending' };
        if (next instanceof OAuthError) throw next;
        return next;
      },
    },
  });
}

function service(provider: ProviderDefinition) {
  const logs: string[] = [];
  const login = createLoginService({
    providers: new Map([[provider.id, provider]]),
    context: () => ({ http: { request: async () => ({ status: 500, headers: {}, text: '', json: undefined }) }, endpoint: () => '', clock: createSystemClock(), log: () => undefined }),
    save: async (_provider, account) => ({ id: 'scripted.json', label: account.label, file: 'scripted.json' }),
    clock: createSystemClock(),
    log: (_level, message) => logs.push(message),
    hostname: 'devbox',
  });
  return { login, logs };
}

const account = { tokens: { accessToken: 'at' }, label: 'me@example.com', identity: 'me', attributes: {} };

describe('device-code polling', () => {
  it('a poll that cannot reach the vendor is tried again at the next interval instead of ending the login', async () => {
    const { login, logs } = service(scriptedProvider([new OAuthError('Could not reach vendor.test: ECONNRESET', { code: 'unreachable' }), { status: 'done', account }]));
    const started = await login.start({ provider: 'scripted', flow: 'device' });
    const finished = await login.wait(started.id);
    expect(finished).toMatchObject({ status: 'done', account: { label: 'me@example.com' } });
    expect(logs.some((line) => /device-code poll failed.*ECONNRESET.*trying again/.test(line))).toBe(true);
    await login.close();
  }, 10_000);

  it('a refusal still ends it, with the vendor’s code and next step', async () => {
    const { login } = service(scriptedProvider([new OAuthError('The sign-in was refused.', { code: 'access_denied', nextStep: 'Start the login again.' })]));
    const started = await login.start({ provider: 'scripted', flow: 'device' });
    expect(await login.wait(started.id)).toMatchObject({ status: 'error', error: { code: 'access_denied', nextStep: 'Start the login again.' } });
    await login.close();
  }, 10_000);
});
