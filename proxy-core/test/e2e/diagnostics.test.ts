import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticCheck, DiagnosticFixResult } from '../../src/server/management/contract.js';
import { createTestClock, startFakeUpstream, vendorError, type FakeUpstream } from '../../src/testing/index.js';
import { CLIENT_KEY, configWith, MANAGEMENT_KEY, startTestProxy, type TestProxy } from './harness.js';

// The troubleshooting matrix as live checks, against the real proxy and a fake upstream.
const UPSTREAM_KEYS = ['sk-upstream-alpha-secret-0001', 'sk-upstream-bravo-secret-0002'];
let fake: FakeUpstream;
let proxy: TestProxy;
/** The canary's 12 s request timeouts end when a test advances this clock, not after 12 real seconds. */
const clock = createTestClock({ hold: (ms) => ms === 12_000 });

const management = (path: string, init: RequestInit = {}, key = MANAGEMENT_KEY) =>
  fetch(`${proxy.url}/v0/management${path}`, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers } });
const run = async (id: string) => (await (await management(`/diagnostics/${id}/run`, { method: 'POST' })).json()) as DiagnosticCheck;
const chatRequests = () => fake.requests.filter((request) => request.path.endsWith('/chat/completions'));

beforeAll(async () => {
  fake = await startFakeUpstream();
  proxy = await startTestProxy(
    configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "${UPSTREAM_KEYS[0]}" }, { api-key: "${UPSTREAM_KEYS[1]}" }]
    models: [{ name: "upstream-chat", alias: "chat-model" }]
`),
    { deps: { clock } },
  );
});
afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});
afterEach(() => fake.reset());

const STATUSES = ['pass', 'fail', 'warn', 'unknown'];
function expectWellFormed(check: DiagnosticCheck): void {
  expect(check.id).toMatch(/^[a-z0-9-]+$/);
  expect(check.title.length).toBeGreaterThan(3);
  expect(check.symptom?.length).toBeGreaterThan(3);
  expect(check.cause?.length).toBeGreaterThan(3);
  expect(STATUSES).toContain(check.status);
  expect(check.summary.length).toBeGreaterThan(10);
  expect(typeof check.evidence).toBe('object');
  const text = JSON.stringify(check);
  for (const secret of [CLIENT_KEY, MANAGEMENT_KEY, ...UPSTREAM_KEYS]) expect(text, `${check.id} leaks a secret`).not.toContain(secret);
}

describe('GET /v0/management/diagnostics', () => {
  it('needs the management key', async () => {
    expect((await management('/diagnostics', {}, 'wrong-key')).status).toBe(401);
  });

  // How fast the list answers is measured by `npm run bench` (its budget is 5 s), not asserted here.
  it('lists every check with a cheap status and never runs the canary', async () => {
    const response = await management('/diagnostics');
    expect(response.status).toBe(200);
    const { checks } = (await response.json()) as { checks: DiagnosticCheck[] };
    expect(checks.length).toBeGreaterThanOrEqual(25);
    for (const check of checks) expectWellFormed(check);
    const ids = checks.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['port', 'oauth-callback-ports', 'auth-dir', 'config-writable', 'management', 'client-key-auth', 'model-inventory', 'cooldowns', 'upstream-403', 'stream-parity', 'usage-counting', 'provider-kiro']) expect(ids).toContain(id);
    const canary = checks.find((check) => check.id === 'stream-parity')!;
    expect(canary).toMatchObject({ status: 'unknown', summary: 'Not run yet — press Run check' });
    expect(chatRequests()).toHaveLength(0);
    expect(checks.find((check) => check.id === 'port')).toMatchObject({ status: 'pass' });
    expect(checks.find((check) => check.id === 'client-key-auth')).toMatchObject({ status: 'pass' });
    expect(checks.find((check) => check.id === 'management')).toMatchObject({ status: 'pass', evidence: { allowRemote: false } });
  });

  it('runs every check on its own and each answers a well-formed result', async () => {
    const { checks } = (await (await management('/diagnostics')).json()) as { checks: DiagnosticCheck[] };
    for (const listed of checks) {
      const response = await management(`/diagnostics/${listed.id}/run`, { method: 'POST' });
      expect(response.status, listed.id).toBe(200);
      const check = (await response.json()) as DiagnosticCheck;
      expect(check.id).toBe(listed.id);
      expectWellFormed(check);
      if (check.id !== 'stream-parity') expect(check.summary).not.toBe('Not run yet — press Run check');
    }
  });

  it('answers 404 with a readable message for an unknown check', async () => {
    for (const id of ['no-such-check', '..%2Fconfig', 'UPPER']) {
      const response = await management(`/diagnostics/${id}/run`, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(/No diagnostic check .* List them with GET \/v0\/management\/diagnostics/);
    }
    expect((await management('/diagnostics/nope/fix', { method: 'POST' })).status).toBe(404);
  });
});

describe('stream vs non-stream canary', () => {
  it('passes against a healthy upstream: both modes succeed, [DONE] ends the stream, usage counted for both', async () => {
    const check = await run('stream-parity');
    expect(check.status, check.summary).toBe('pass');
    expect(check.evidence).toMatchObject({ model: 'chat-model', stream: { endsWithDone: true, finishReason: 'stop', inBandError: null }, usage: { nonStream: { recorded: true }, stream: { recorded: true } } });
    const sent = chatRequests();
    expect(sent).toHaveLength(2);
    expect(sent.map((request) => (request.body as { stream?: boolean }).stream)).toEqual([false, true]);
  });

  it('reports a stream that the upstream closes early, before its finish and [DONE]', async () => {
    fake.script({ path: '/chat/completions' }, (request) =>
      (request.body as { stream?: boolean }).stream
        ? { kind: 'sse', events: [{ data: JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'upstream-chat', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hel' }, finish_reason: null }] }) }] }
        : { kind: 'json', body: { id: 'c2', object: 'chat.completion', created: 1, model: 'upstream-chat', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } } },
    );
    const check = await run('stream-parity');
    expect(check.status).toBe('fail');
    expect(check.summary).toMatch(/non-stream request succeeded; the stream ended without a finish_reason/);
    expect(check.remediation).toMatch(/reverse-proxy buffering/);
    expect(check.fix).toMatchObject({ id: 'clear-canary-cooldowns' });
  });

  it('reports a stream whose upstream never answers once its 12 s timeout has passed', async () => {
    fake.script({ path: '/chat/completions' }, (request) =>
      (request.body as { stream?: boolean }).stream
        ? { kind: 'hang' }
        : { kind: 'json', body: { id: 'c3', object: 'chat.completion', created: 1, model: 'upstream-chat', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } },
    );
    const running = run('stream-parity');
    await fake.waitFor((requests) => requests.some((request) => (request.body as { stream?: boolean } | undefined)?.stream === true));
    // The non-stream request's timeout ended with its answer; only the stream's is left.
    expect(await clock.waitForHeld(1)).toEqual([12_000]);
    clock.advance(12_000);
    const check = await running;
    expect(check.status).toBe('fail');
    expect(check.summary).toBe('Canary on chat-model: the non-stream request succeeded; the stream request failed (no answer within 12 s).');
    expect(check.evidence).toMatchObject({ stream: { status: 0, timedOut: true, events: 0 } });
  });
});

describe('cooldowns', () => {
  it('shows a credential cooling after a scripted 429, and the fix clears it', async () => {
    fake.script({ apiKey: UPSTREAM_KEYS[0] }, vendorError('openai', 429, 'Rate limit reached for requests', { retryAfterSeconds: 600 }));
    for (let index = 0; index < 2; index++) {
      const response = await fetch(`${proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);
    }
    const { credentials } = (await (await management('/credentials')).json()) as { credentials: Array<{ id: string; state: string }> };
    const cooling = credentials.find((credential) => credential.state === 'cooling')!;
    expect(cooling).toBeDefined();

    const before = await run('cooldowns');
    expect(before.status).toBe('warn');
    expect(before.summary).toMatch(/1 credential\(s\) cooling down/);
    expect(JSON.stringify(before.evidence)).toMatch(/"reason":"quota","status":429/);
    expect(before.fix).toEqual({ id: 'clear-cooldowns', label: 'Clear all cooldowns' });

    const response = await management('/diagnostics/cooldowns/fix', { method: 'POST' });
    expect(response.status).toBe(200);
    const fixed = (await response.json()) as DiagnosticFixResult;
    expect(fixed.ok).toBe(true);
    expect(fixed.message).toMatch(/Cleared 1 cooldown/);
    expect(fixed.check.status).toBe('pass');
    const state = (await (await management(`/credentials/${encodeURIComponent(cooling.id)}/state`)).json()) as { state: string; cooldowns: unknown[] };
    expect(state).toMatchObject({ state: 'active', cooldowns: [] });
  });

  it('a fix on a passing check changes nothing and says so; a check without a fix says what to do', async () => {
    const nothing = (await (await management('/diagnostics/cooldowns/fix', { method: 'POST' })).json()) as DiagnosticFixResult;
    expect(nothing).toMatchObject({ ok: true, message: 'Nothing to fix: the check passes.' });
    const noFix = (await (await management('/diagnostics/oauth-callback-ports/fix', { method: 'POST' })).json()) as DiagnosticFixResult;
    expect(noFix.ok).toBe(false);
    expect(noFix.message).toMatch(/has no automatic fix/);
  });
});

describe('entitlement and usage', () => {
  it('reports recent upstream 403s per provider', async () => {
    fake.script({ path: '/chat/completions' }, vendorError('openai', 403, 'Your plan does not include this model'), { times: 2 });
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(403);
    const check = await run('upstream-403');
    expect(check.status).toBe('warn');
    expect(check.summary).toMatch(/fakeai \(1: chat-model\)/);
    const usage = await run('usage-counting');
    expect(usage.status).toBe('pass');
    expect((usage.evidence.last7Days as { requests: number }).requests).toBeGreaterThan(0);
    // Clean up: both keys are now cooling for 30 minutes.
    await management('/diagnostics/cooldowns/fix', { method: 'POST' });
  });
});

describe('diagnostics traffic is not user traffic', () => {
  const warnings = async () => ((await (await management('/logs/entries?level=warn')).json()) as { entries: Array<{ message: string }> }).entries.map((entry) => entry.message);

  it('the Amp check\'s empty chat request leaves no warning (nothing for "Recent problems"), and the canary counts under "diagnostics"', async () => {
    const before = (await warnings()).length;
    const amp = await run('amp-env');
    expect(amp.evidence).toMatchObject({ probeStatus: 400 });
    await management('/diagnostics');
    expect((await warnings()).slice(before).filter((message) => message.includes('/v1/chat/completions'))).toEqual([]);
    expect(proxy.logs.filter((line) => / WARN .*POST \/v1\/chat\/completions 400/.test(line))).toEqual([]);

    const canary = await run('stream-parity');
    expect(canary.status, canary.summary).toBe('pass');
    const { requests } = (await (await management('/usage/recent?limit=2')).json()) as { requests: Array<{ clientKey: string; status: number }> };
    expect(requests.map((request) => [request.clientKey, request.status])).toEqual([
      ['diagnostics', 200],
      ['diagnostics', 200],
    ]);
  });

  it('a client that sends the marker header without the proxy\'s token is logged like any other request', async () => {
    const before = (await warnings()).length;
    const response = await fetch(`${proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json', 'x-cliproxy-diagnostic': 'true' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect((await warnings()).slice(before)).toEqual([expect.stringMatching(/^POST \/v1\/chat\/completions 400 \d+ms$/)]);
  });
});
