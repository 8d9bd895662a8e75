import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProxy } from '../src/server/start-proxy.js';

/**
 * The proxy under benchmark, in its own process (as users run it): one client key, an OpenAI-compatible
 * upstream at BENCH_UPSTREAM_URL, request logging at the default level, usage recorded to SQLite, and the
 * management API (for the troubleshooting list's timing). `BENCH_REQUEST_LOG=true` turns on full request logs
 * (default off, as users run it).
 */
const upstream = process.env.BENCH_UPSTREAM_URL ?? '';
const dir = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-bench-'));
const configPath = path.join(dir, 'config.yaml');
writeFileSync(
  configPath,
  `host: 127.0.0.1
port: 0
auth-dir: ${JSON.stringify(path.join(dir, 'auth'))}
api-keys: ["bench-client-key"]
request-log: ${process.env.BENCH_REQUEST_LOG === 'true' ? 'true' : 'false'}
remote-management:
  secret-key: "bench-management-key"
openai-compatibility:
  - name: bench
    base-url: ${JSON.stringify(`${upstream}/v1`)}
    api-key-entries: [{ api-key: "sk-bench-upstream" }]
    models: [{ name: bench-model, alias: bench-model }]
claude-api-key:
  - api-key: "sk-ant-bench"
    base-url: ${JSON.stringify(upstream)}
    models: [{ name: claude-bench, alias: claude-bench }]
gemini-api-key:
  - api-key: "AIza-bench"
    base-url: ${JSON.stringify(upstream)}
    models: [{ name: gemini-bench, alias: gemini-bench }]
`,
);
const proxy = await startProxy({ configPath, watch: false }, { dataDir: dir, usageDatabase: path.join(dir, 'usage.sqlite'), logSink: () => undefined, home: dir });
process.send?.({ port: proxy.address.port });
process.on('disconnect', () => void proxy.close().then(() => process.exit(0)));
