// CLIProxyAPI's OAuth management routes as its panel uses them: /anthropic-auth-url, then the user pastes the
// address the browser ended on into POST /oauth-callback; DELETE /oauth-session cancels. Fake Anthropic OAuth server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../src/server/management/contract.js';
import { startFakeClaudeCode, type FakeClaudeCode } from '../../src/testing/index.js';
import { management } from './accounts-harness.js';
import { configWith, startTestProxy, type TestProxy } from './harness.js';

let fake: FakeClaudeCode;
let proxy: TestProxy;

beforeAll(async () => {
  fake = await startFakeClaudeCode();
  proxy = await startTestProxy(
    configWith(`oauth-endpoints:
  claude:
${Object.entries(fake.endpoints)
  .map(([name, url]) => `    ${name}: "${url}"`)
  .join('\n')}
`),
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

describe('CLIProxyAPI OAuth routes', () => {
  it('POST /oauth-callback {provider, redirect_url} finishes the login the auth-url started', async () => {
    const started = (await management<{ status: string; url: string; state: string }>(proxy, 'GET', '/anthropic-auth-url')).body;
    expect(started.status).toBe('ok');
    expect((await management(proxy, 'GET', `/get-auth-status?state=${started.state}`)).body).toEqual({ status: 'wait' });
    const redirect = await fake.oauth.approve(started.url);
    expect((await management(proxy, 'POST', '/oauth-callback', { provider: 'anthropic', redirect_url: redirect })).body).toEqual({ status: 'ok' });
    expect((await management(proxy, 'GET', `/get-auth-status?state=${started.state}`)).body).toEqual({ status: 'ok' });
    const accounts = (await management<{ accounts: AccountView[] }>(proxy, 'GET', '/accounts')).body.accounts;
    expect(accounts.map((account) => account.label)).toEqual(['claude-user@example.com']);
    const replay = await management(proxy, 'POST', '/oauth-callback', { provider: 'anthropic', redirect_url: redirect });
    expect(replay.status).toBe(409);
    expect(replay.body).toMatchObject({ status: 'error', error: expect.stringMatching(/cannot be used twice/) });
  });

  it('an unknown state is a 404 {status: "error"}; DELETE /oauth-session cancels a login', async () => {
    const unknown = await management(proxy, 'POST', '/oauth-callback', { provider: 'anthropic', code: 'c', state: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.status).toBe('error');
    const started = (await management<{ state: string }>(proxy, 'GET', '/anthropic-auth-url')).body;
    expect((await management(proxy, 'DELETE', `/oauth-session?state=${started.state}`)).body).toEqual({ status: 'ok' });
    expect((await management(proxy, 'GET', `/get-auth-status?state=${started.state}`)).body).toMatchObject({ status: 'error' });
    expect((await management(proxy, 'DELETE', '/oauth-session?state=nobody')).status).toBe(404);
  });
});
