import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCooldownStore } from '../credentials/cooldown.js';
import type { Credential } from '../credentials/credential.js';
import { createSelector, type Binding } from '../credentials/selector.js';
import { createFormatRegistry } from '../formats/registry.js';
import { createProviderRegistry } from '../providers/registry.js';
import type { UpstreamHttpRequest } from '../providers/provider-definition.js';
import type { Clock } from '../shared/clock.js';
import { createCancellation } from '../shared/cancellation.js';
import { ProxyError } from '../shared/errors.js';
import { createExecutor, type RetrySettings } from './execute.js';
import type { HttpClient, UpstreamResponse } from './http-client.js';

function credential(id: string): Credential {
  return {
    id,
    authIndex: id,
    provider: 'openai-compatible',
    group: 'fake',
    kind: 'api-key',
    label: id,
    priority: 0,
    baseUrl: 'http://upstream.test/v1',
    headers: {},
    models: [],
    excludedModels: [],
    disabled: false,
    secret: `secret-${id}`,
    source: { type: 'config', yamlKey: 'openai-compatibility', index: 0 },
  };
}

function response(status: number, body: string, headers: Record<string, string> = {}): UpstreamResponse {
  const stream = new PassThrough();
  stream.end(body);
  return { status, headers, body: stream };
}

/** A clock whose sleeps move time instantly and are recorded. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return { now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)), slept };
}

function setup(answer: (request: UpstreamHttpRequest, attempt: number) => UpstreamResponse, settings: Partial<RetrySettings> = {}) {
  const clock = fakeClock();
  const calls: string[] = [];
  const httpClient: HttpClient = {
    send: async (request) => {
      calls.push(request.headers.authorization.replace('Bearer secret-', ''));
      return answer(request, calls.length);
    },
    close: () => undefined,
  };
  const cooldowns = createCooldownStore();
  const selector = createSelector('fill-first');
  const executor = createExecutor({
    httpClient,
    formats: createFormatRegistry(),
    cooldowns,
    providers: createProviderRegistry(),
    clock,
    selector: () => selector,
    settings: () => ({ requestRetry: 0, maxRetryInterval: 0, maxRetryCredentials: 0, disableCooling: false, bootstrapRetries: 0, ...settings }),
  });
  const bindings: Binding[] = [credential('a'), credential('b')].map((item) => ({ credential: item, upstreamModel: 'm' }));
  const run = () =>
    executor.execute({
      requestId: 'r',
      routeModel: 'm',
      clientFormat: 'openai-chat',
      bindings,
      operation: 'generate',
      stream: false,
      buildBody: () => Buffer.from('{}'),
      clientHeaders: {},
      clientQuery: new URLSearchParams(),
      signal: createCancellation(),
    });
  return { run, calls, clock, cooldowns };
}

describe('executor attempt loop', () => {
  it('tries each credential once per round, then waits for the soonest cooldown when request-retry allows', async () => {
    const { run, calls, clock } = setup((_request, attempt) => (attempt <= 2 ? response(429, '{"error":{"message":"slow"}}', { 'retry-after': '5' }) : response(200, '{"ok":true}')), {
      requestRetry: 1,
      maxRetryInterval: 30,
    });
    const result = await run();
    expect(result.response.status).toBe(200);
    expect(calls).toEqual(['a', 'b', 'a']);
    expect(clock.slept).toEqual([5000]);
    expect(result.attempts).toBe(3);
  });

  it('does not wait for a cooldown longer than max-retry-interval', async () => {
    const { run, calls, clock } = setup(() => response(503, 'down'), { requestRetry: 3, maxRetryInterval: 30 });
    await expect(run()).rejects.toMatchObject({ status: 503 });
    expect(calls).toEqual(['a', 'b']);
    expect(clock.slept).toEqual([]);
  });

  it('with max-retry-interval 0 never starts another round', async () => {
    const { run, calls } = setup(() => response(429, '{}', { 'retry-after': '1' }), { requestRetry: 5, maxRetryInterval: 0 });
    await expect(run()).rejects.toMatchObject({ status: 429, retryAfterSeconds: 1 });
    expect(calls).toEqual(['a', 'b']);
  });

  it('max-retry-credentials caps the credentials tried per round', async () => {
    const { run, calls } = setup(() => response(500, 'boom'), { maxRetryCredentials: 1 });
    await expect(run()).rejects.toBeInstanceOf(ProxyError);
    expect(calls).toEqual(['a']);
  });

  it('disable-cooling still fails over but records no cooldown', async () => {
    const { run, calls, cooldowns, clock } = setup((_request, attempt) => (attempt === 1 ? response(429, '{}') : response(200, '{}')), { disableCooling: true });
    await run();
    expect(calls).toEqual(['a', 'b']);
    expect(cooldowns.list(clock.now())).toEqual([]);
  });

  it('an unreachable upstream cools the credential and the next one serves', async () => {
    const clock = fakeClock();
    let first = true;
    const { run, calls, cooldowns } = setup(() => {
      if (first) {
        first = false;
        throw new ProxyError('Could not reach upstream.test: ECONNREFUSED', { status: 502, code: 'upstream_unreachable', scope: 'upstream' });
      }
      return response(200, '{}');
    });
    await run();
    expect(calls).toEqual(['a', 'b']);
    expect(cooldowns.list(clock.now() + 1)[0]).toMatchObject({ credentialId: 'a', reason: 'unreachable' });
  });
});
