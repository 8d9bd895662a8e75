import { describe, expect, it } from 'vitest';
import type { Credential } from '../credentials/credential.js';
import type { OAuthHttp } from '../login/oauth-http.js';
import type { ModelInfo, ModelListInput, ProviderDefinition } from '../providers/provider-definition.js';
import { createModelListRefresher, type ModelListRefresherDeps, type PersistedModelLists } from './model-list-refresher.js';

const HOUR = 3_600_000;

function credential(id: string, overrides: Partial<Credential> = {}): Credential {
  return {
    id,
    authIndex: id,
    provider: 'listing',
    group: 'listing',
    kind: 'api-key',
    label: `key ${id}`,
    priority: 0,
    headers: {},
    models: [],
    excludedModels: [],
    disabled: false,
    secret: `sk-secret-${id}-0123456789`,
    source: { type: 'config', yamlKey: 'claude-api-key', index: 0 },
    ...overrides,
  };
}

/** A provider whose list call answers from `lists[credential id]`, or throws `failures[credential id]`. */
function harness(options: { credentials: Credential[]; everyMs?: number; random?: () => number; concurrency?: number; saved?: PersistedModelLists }) {
  let now = 1_000_000;
  const lists: Record<string, string[]> = {};
  const failures: Record<string, string> = {};
  const calls: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const gates: Array<() => void> = [];
  let gated = false;
  const provider = {
    id: 'listing',
    async listModels(input: ModelListInput): Promise<ModelInfo[]> {
      calls.push(input.credential.id);
      running++;
      maxRunning = Math.max(maxRunning, running);
      try {
        if (gated) await new Promise<void>((resolve) => gates.push(resolve));
        if (failures[input.credential.id]) throw new Error(failures[input.credential.id]);
        return (lists[input.credential.id] ?? []).map((id) => ({ id }));
      } finally {
        running--;
      }
    },
  } as unknown as ProviderDefinition;
  let changes = 0;
  const saves: PersistedModelLists[] = [];
  const deps: ModelListRefresherDeps = {
    providers: new Map([['listing', provider]]),
    clock: { now: () => now, sleep: () => Promise.resolve() },
    httpFor: () => ({}) as OAuthHttp,
    credentials: () => options.credentials,
    authorize: async (item) => ({ token: item.secret }),
    everyMs: () => options.everyMs ?? 6 * HOUR,
    onChange: () => changes++,
    random: options.random ?? (() => 0.5),
    concurrency: options.concurrency,
    store: { load: async () => options.saved, save: async (data) => void saves.push(data) },
  };
  const refresher = createModelListRefresher(deps);
  return {
    refresher,
    lists,
    failures,
    calls,
    saves,
    get changes() {
      return changes;
    },
    get maxRunning() {
      return maxRunning;
    },
    advance: (ms: number) => (now += ms),
    now: () => now,
    gate: () => (gated = true),
    release: () => {
      gated = false;
      for (const open of gates.splice(0)) open();
    },
  };
}

describe('model list refresher', () => {
  it('asks a new credential at once, then again after the interval jittered by ±10 %', async () => {
    const test = harness({ credentials: [credential('a')], random: () => 0 });
    test.lists.a = ['model-1'];
    await test.refresher.tick();
    expect(test.calls).toEqual(['a']);
    expect(test.refresher.lists().get('a')?.map((model) => model.id)).toEqual(['model-1']);
    // random() = 0 → 90 % of 6 h.
    expect(test.refresher.status()[0].nextAt).toBe(test.now() + 0.9 * 6 * HOUR);
    test.advance(0.9 * 6 * HOUR - 1);
    await test.refresher.tick();
    expect(test.calls).toEqual(['a']);
    test.advance(1);
    await test.refresher.tick();
    expect(test.calls).toEqual(['a', 'a']);
  });

  it('spreads the interval to +10 % when random() is near 1', async () => {
    const test = harness({ credentials: [credential('a')], random: () => 0.999_999 });
    await test.refresher.tick();
    const state = test.refresher.status()[0];
    expect(state.nextAt! - state.checkedAt!).toBe(Math.round(6 * HOUR * (0.9 + 0.2 * 0.999_999)));
    expect(state.nextAt! - state.checkedAt!).toBeGreaterThan(6.5 * HOUR);
  });

  it('keeps the last good list when a lookup fails, and records the error and time without the key', async () => {
    const item = credential('a');
    const test = harness({ credentials: [item] });
    test.lists.a = ['model-1', 'model-2'];
    await test.refresher.refresh();
    expect(test.changes).toBe(1);
    test.advance(60_000);
    test.failures.a = `401 Unauthorized for ${item.secret}`;
    const [state] = await test.refresher.refresh('a');
    expect(state.models.map((model) => model.id)).toEqual(['model-1', 'model-2']);
    expect(state.error).toBe('401 Unauthorized for ****');
    expect(state.checkedAt).toBe(test.now());
    expect(state.okAt).toBe(test.now() - 60_000);
    expect(test.refresher.lists().get('a')?.length).toBe(2);
    expect(test.changes).toBe(1);
    // A failure is tried again after 30 min (jittered), not after 6 h.
    expect(state.nextAt! - state.checkedAt!).toBe(30 * 60_000);
  });

  it('runs at most `concurrency` lookups at once', async () => {
    const test = harness({ credentials: ['a', 'b', 'c', 'd', 'e'].map((id) => credential(id)), concurrency: 2 });
    test.gate();
    const done = test.refresher.tick();
    await Promise.resolve();
    await Promise.resolve();
    expect(test.calls.length).toBe(2);
    test.release();
    // Each released lookup lets the next one start; release until all ran.
    while (test.calls.length < 5) {
      await new Promise((resolve) => setImmediate(resolve));
      test.release();
    }
    test.release();
    await done;
    expect(test.maxRunning).toBe(2);
    expect([...test.calls].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('asks again at once when a credential changes (a new key or token), and never asks keys with their own models', async () => {
    const credentials = [credential('a'), credential('listed', { models: [{ name: 'x', alias: 'x' }] }), credential('off', { disabled: true })];
    const test = harness({ credentials });
    await test.refresher.tick();
    expect(test.calls).toEqual(['a']);
    test.advance(1000);
    await test.refresher.tick();
    expect(test.calls).toEqual(['a']);
    credentials[0] = { ...credentials[0], secret: 'sk-secret-rotated-0123456789' };
    await test.refresher.tick();
    expect(test.calls).toEqual(['a', 'a']);
  });

  it('never asks on its own again when model-list-refresh is 0', async () => {
    const test = harness({ credentials: [credential('a')], everyMs: 0 });
    await test.refresher.tick();
    test.advance(365 * 24 * HOUR);
    await test.refresher.tick();
    expect(test.calls).toEqual(['a']);
    expect(test.refresher.status()[0].nextAt).toBeUndefined();
  });

  it('starts with the saved lists and saves a changed one', async () => {
    const saved: PersistedModelLists = { version: 1, lists: { a: { models: [{ id: 'saved-model' }], okAt: 5 } } };
    const test = harness({ credentials: [credential('a')], saved });
    await test.refresher.restore();
    test.refresher.sync();
    expect(test.refresher.lists().get('a')?.map((model) => model.id)).toEqual(['saved-model']);
    test.lists.a = ['fresh-model'];
    await test.refresher.tick();
    expect(test.saves.at(-1)?.lists.a.models.map((model) => model.id)).toEqual(['fresh-model']);
  });

  it('refuses to refresh an unknown credential with a message naming it', async () => {
    const test = harness({ credentials: [credential('a')] });
    await expect(test.refresher.refresh('nope')).rejects.toThrow('No credential "nope" has a live model list');
  });
});
