import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCooldownStore } from '../credentials/cooldown.js';
import type { Credential } from '../credentials/credential.js';
import { createSelector } from '../credentials/selector.js';
import { createFormatRegistry } from '../formats/registry.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { createCancellation } from '../shared/cancellation.js';
import { createExecutor } from './execute.js';
import type { HttpClient } from './http-client.js';

// quota-exceeded.switch-preview-model in the attempt loop, with a provider that names a preview model.
const provider: ProviderDefinition = {
  id: 'previewing',
  displayName: 'Previewing',
  format: 'gemini',
  catalog: [],
  operations: ['generate'],
  buildRequest: (call) => ({ url: `http://upstream.test/${call.model}`, method: 'POST', headers: { authorization: `Bearer ${call.token}` }, body: call.body }),
  previewModel: (model) => (model === 'stable' ? 'preview' : undefined),
};

const credential = (id: string): Credential => ({
  id,
  authIndex: id,
  provider: 'previewing',
  group: 'previewing',
  kind: 'api-key',
  label: id,
  priority: 0,
  headers: {},
  models: [],
  excludedModels: [],
  disabled: false,
  secret: id,
  source: { type: 'config', yamlKey: 'x', index: 0 },
});

function setup(options: { switchPreviewModel: boolean; previewFails?: boolean; firstStatus?: number }) {
  const urls: string[] = [];
  const httpClient: HttpClient = {
    send: async (request) => {
      urls.push(`${request.url.split('/').pop()}:${request.headers.authorization}`);
      const body = new PassThrough();
      const fails = request.url.endsWith('/stable') || options.previewFails;
      body.end(fails ? '{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}' : '{"candidates":[]}');
      // The preview model, when it fails, answers 503: so the test can tell which pass the client's error came from.
      return { status: fails ? (request.url.endsWith('/stable') ? (options.firstStatus ?? 429) : 503) : 200, headers: { 'retry-after': '60' }, body };
    },
    close: () => undefined,
  };
  let now = 1_000_000;
  const executor = createExecutor({
    httpClient,
    formats: createFormatRegistry(),
    cooldowns: createCooldownStore(),
    providers: new Map([[provider.id, provider]]),
    clock: { now: () => now, sleep: async (ms) => void (now += ms) },
    selector: () => createSelector('fill-first'),
    settings: () => ({ requestRetry: 0, maxRetryInterval: 0, maxRetryCredentials: 0, disableCooling: false, bootstrapRetries: 0, switchPreviewModel: options.switchPreviewModel }),
  });
  const run = () =>
    executor.execute({
      requestId: 'r',
      routeModel: 'stable',
      clientFormat: 'gemini',
      bindings: [credential('a'), credential('b')].map((item) => ({ credential: item, upstreamModel: 'stable' })),
      operation: 'generate',
      stream: false,
      buildBody: () => Buffer.from('{}'),
      clientHeaders: {},
      clientQuery: new URLSearchParams(),
      signal: createCancellation(),
    });
  return { run, urls };
}

describe('switch-preview-model', () => {
  it('off: the quota error reaches the client', async () => {
    const { run, urls } = setup({ switchPreviewModel: false });
    await expect(run()).rejects.toMatchObject({ status: 429 });
    expect(urls).toEqual(['stable:Bearer a', 'stable:Bearer b']);
  });

  it('on: after every credential ran out of quota, one pass on the preview model, with a warning', async () => {
    const { run, urls } = setup({ switchPreviewModel: true });
    const result = await run();
    expect(result.binding.upstreamModel).toBe('preview');
    expect(result.warning).toMatch(/stable is out of quota on every account; answered by preview/);
    expect(urls).toEqual(['stable:Bearer a', 'stable:Bearer b', 'preview:Bearer a']);
  });

  it('on, but the preview model fails too: the client hears the error of the model it asked for', async () => {
    const { run, urls } = setup({ switchPreviewModel: true, previewFails: true });
    // The 429 of the first pass (model "stable"), not the preview model's 503.
    await expect(run()).rejects.toMatchObject({ status: 429, upstreamStatus: 429 });
    expect(urls).toEqual(['stable:Bearer a', 'stable:Bearer b', 'preview:Bearer a', 'preview:Bearer b']);
  });

  it('on, but the credentials failed for another reason (503): no preview model', async () => {
    const { run, urls } = setup({ switchPreviewModel: true, firstStatus: 503 });
    await expect(run()).rejects.toMatchObject({ status: 503 });
    expect(urls).toEqual(['stable:Bearer a', 'stable:Bearer b']);
  });
});
