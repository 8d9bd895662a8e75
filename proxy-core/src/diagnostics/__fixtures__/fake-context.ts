/** Fabricated diagnostics contexts for unit tests: real config parsing and runtime, in-memory usage and logs. */
import { parseConfigText } from '../../config/load.js';
import type { UsageRecord } from '../../observability/usage-store.js';
import { createProviderRegistry } from '../../providers/registry.js';
import type { AuthFileView, LogEntryView } from '../../server/management/contract.js';
import { createRuntime, type Runtime } from '../../server/runtime.js';
import type { ClientApi, ConfigView, DiagnosticsContext, PortProbe } from '../context.js';
import { findPortOwner, isPortFree } from '../port-owner.js';

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

export function configView(yaml: string, overrides: Partial<ConfigView> = {}): ConfigView {
  const loaded = parseConfigText(yaml, '/tmp/fake/config.yaml', { home: '/home/fake' });
  return { path: '/tmp/fake/config.yaml', source: 'flag', exists: true, text: yaml, loaded: { config: loaded.config, warnings: loaded.warnings }, writable: true, ...overrides };
}

export const realPorts: PortProbe = { isFree: isPortFree, owner: (port) => findPortOwner(port) };

/** What `cliproxyctl doctor` sees without a running proxy. */
export function doctorContext(yaml: string, options: { ports?: PortProbe; view?: Partial<ConfigView>; client?: ClientApi } = {}): DiagnosticsContext {
  const view = configView(yaml, options.view);
  return { mode: 'doctor', now: () => NOW, platform: 'linux', home: '/home/fake', providers: createProviderRegistry(), ports: options.ports ?? realPorts, config: () => view, client: options.client };
}

/** A client API that answers nothing (inside the proxy a client always exists; these tests do not reach it). */
export const unreachableClient: ClientApi = {
  baseUrl: 'http://127.0.0.1:9',
  keyLabel: () => null,
  request: async () => ({ status: 0, headers: {}, text: '', error: 'not reachable in this test', elapsedMs: 0 }),
};

export interface FakeProxy {
  context: DiagnosticsContext;
  runtime: Runtime;
  usage: UsageRecord[];
  logs: LogEntryView[];
}

/** The running proxy's view, with a real runtime (credentials, registry, cooldowns) built from `yaml`. */
export function proxyContext(yaml: string, options: { ports?: PortProbe; authFiles?: AuthFileView[]; client?: ClientApi; logLevel?: string } = {}): FakeProxy {
  const view = configView(yaml);
  const runtime = createRuntime(createProviderRegistry(), { config: view.loaded!.config, text: yaml, warnings: [] });
  const usage: UsageRecord[] = [];
  const logs: LogEntryView[] = [];
  const context: DiagnosticsContext = {
    mode: 'proxy',
    now: () => NOW,
    platform: 'linux',
    home: '/home/fake',
    providers: runtime.providers,
    ports: options.ports ?? realPorts,
    config: () => ({ ...view, loaded: { config: runtime.current().config, warnings: [] } }),
    client: options.client ?? unreachableClient,
    proxy: {
      version: 'test',
      pid: process.pid,
      cwd: '/tmp/fake',
      startedAt: NOW - 60_000,
      address: () => ({ host: '127.0.0.1', port: 8317, url: 'http://127.0.0.1:8317' }),
      runtime,
      usage: {
        summary: () => ({ requests: usage.length, successes: usage.filter((record) => record.status < 400).length, failures: usage.filter((record) => record.status >= 400).length, inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, totalTokens: usage.reduce((sum, record) => sum + record.totalTokens, 0), estimatedRequests: usage.filter((record) => record.estimated).length, latencyP50Ms: null, latencyP95Ms: null, costUsd: 0 }),
        recent: ({ limit = 100 }) => [...usage].reverse().slice(0, limit),
        unserved: (since) => {
          const rows = new Map<string, { model: string; count: number; lastAt: number; clientKeys: string[] }>();
          for (const record of usage) {
            if (record.time < since || record.status !== 404 || record.errorCode !== 'model_not_found') continue;
            const row = rows.get(record.requestedModel) ?? { model: record.requestedModel, count: 0, lastAt: 0, clientKeys: [] };
            row.count++;
            row.lastAt = Math.max(row.lastAt, record.time);
            if (!row.clientKeys.includes(record.clientKey)) row.clientKeys.push(record.clientKey);
            rows.set(row.model, row);
          }
          return [...rows.values()].sort((a, b) => b.count - a.count);
        },
      },
      logs: { entries: ({ contains }) => logs.filter((entry) => !contains || entry.message.includes(contains)) },
      logLevel: () => options.logLevel ?? 'info',
      authFiles: async () => options.authFiles ?? [],
      managementBans: () => [],
      log: () => undefined,
    },
  };
  return { context, runtime, usage, logs };
}

export function usageRecord(overrides: Partial<UsageRecord>): UsageRecord {
  return {
    time: NOW - 1000, requestId: 'r1', clientKey: 'k', provider: 'fakeai', credentialId: 'c', credentialLabel: 'sk-u…0001', requestedModel: 'm', upstreamModel: 'm',
    clientFormat: 'openai-chat', upstreamFormat: 'openai-chat', stream: false, status: 200, latencyMs: 10, ttfbMs: 5, inputTokens: 3, outputTokens: 2,
    cachedTokens: 0, reasoningTokens: 0, totalTokens: 5, estimated: false, error: null, ...overrides,
  };
}
