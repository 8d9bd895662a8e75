import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProxy, type ProxyDeps, type RunningProxy } from '../../src/server/start-proxy.js';

export interface TestProxy {
  proxy: RunningProxy;
  url: string;
  dir: string;
  configPath: string;
  /** Every log line the proxy wrote. */
  logs: string[];
  close(): Promise<void>;
}

export const CLIENT_KEY = 'sk-test-client-key-0001';
export const MANAGEMENT_KEY = 'test-management-secret';

/**
 * Writes `yaml` to a temp config.yaml and starts the real proxy on 127.0.0.1:0 (or `host`, e.g. a
 * non-loopback address of this machine to be called as a remote client).
 */
export async function startTestProxy(yaml: string, options: { watch?: boolean; localManagementKey?: string; host?: string; deps?: Partial<ProxyDeps> } = {}): Promise<TestProxy> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-e2e-'));
  const configPath = path.join(dir, 'config.yaml');
  writeFileSync(configPath, yaml.replaceAll('$AUTH_DIR', path.join(dir, 'auth')), { mode: 0o600 });
  const logs: string[] = [];
  const proxy = await startProxy(
    { configPath, port: 0, host: options.host ?? '127.0.0.1', watch: options.watch ?? false },
    {
      home: dir,
      dataDir: dir,
      usageDatabase: path.join(dir, 'usage.sqlite'),
      logSink: (line) => logs.push(line),
      localManagementKey: options.localManagementKey,
      env: {},
      // The auth-dir watcher runs; background refresh and quota rounds only when a test calls tick().
      accountBackground: { tickMs: 3_600_000 },
      // Live model lists only when a test asks (refresh route or proxy.modelLists), so request counts stay exact.
      modelLists: { automatic: false },
      ...options.deps,
    },
  );
  return {
    proxy,
    url: proxy.address.url,
    dir,
    configPath,
    logs,
    async close() {
      await proxy.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Why the remote-caller tests cannot run (for `describeWhen`). */
export const NO_REMOTE_ADDRESS = 'This machine has no non-loopback IPv4 address to listen on, so the remote-caller rules cannot be tested (give the container a network interface)';

/**
 * An IPv4 address of this machine that is not loopback, or undefined. A proxy listening there and called
 * there sees a non-loopback peer address, which is how the server judges "remote" (never by headers).
 */
export function nonLoopbackAddress(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal && !address.address.startsWith('127.')) return address.address;
  }
  return undefined;
}

/** A config with one client key, management enabled, and the given provider blocks. */
export function configWith(blocks: string): string {
  return `host: 127.0.0.1
port: 0
auth-dir: "$AUTH_DIR"
api-keys: ["${CLIENT_KEY}"]
remote-management:
  secret-key: "${MANAGEMENT_KEY}"
${blocks}`;
}

/** One model per dialect, all served by the fake at `fakeUrl`: chat-model, claude-model, gemini-model, responses-model. */
export function crossDialectConfig(fakeUrl: string): string {
  return configWith(`openai-compatibility:
  - name: fakeai
    base-url: "${fakeUrl}/v1"
    api-key-entries: [{ api-key: "sk-upstream-openai" }]
    models: [{ name: "upstream-chat", alias: "chat-model" }]
claude-api-key:
  - api-key: "sk-ant-upstream"
    base-url: "${fakeUrl}"
    models: [{ name: "claude-upstream", alias: "claude-model" }]
gemini-api-key:
  - api-key: "AIza-upstream"
    base-url: "${fakeUrl}"
    models: [{ name: "gemini-upstream", alias: "gemini-model" }]
codex-api-key:
  - api-key: "sk-upstream-codex"
    base-url: "${fakeUrl}/v1"
    models: [{ name: "gpt-upstream", alias: "responses-model" }]
`);
}
