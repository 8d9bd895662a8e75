// `npm run test:clients`: the real coding CLIs (Claude Code, Codex CLI, Gemini CLI, Qwen Code, opencode)
// against the real proxy and a fake upstream, each on a model served in ANOTHER dialect, with one tool
// round trip. Each CLI is pointed at the proxy only by `cliproxyctl setup <client> --model M` in the run's
// fresh HOME (no hand-written connection settings). Not part of `npm test`: the CLIs are large downloads from the npm registry (cached in
// $CLIPROXY_CLIENTS_DIR, default ~/.cache/cliproxy-desktop/clients). `--only name,name` picks some.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENT_RUNS } from './clients/client-runs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = process.env.CLIPROXY_CLIENTS_DIR ?? path.join(os.homedir(), '.cache', 'cliproxy-desktop', 'clients');
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg === -1 ? undefined : process.argv[onlyArg + 1].toLowerCase().split(',');
const runs = CLIENT_RUNS.filter((run) => !only || only.some((name) => run.name.toLowerCase().includes(name)));

spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const { startFakeAmp, startFakeUpstream } = await import(path.join(root, 'dist', 'testing', 'index.js'));
const { startProxy } = await import(path.join(root, 'dist', 'proxy-core', 'index.js'));

mkdirSync(cacheDir, { recursive: true });
if (!existsSync(path.join(cacheDir, 'package.json'))) writeFileSync(path.join(cacheDir, 'package.json'), '{"private":true}');
const missing = runs.filter((run) => !existsSync(path.join(cacheDir, 'node_modules', '.bin', run.bin)));
if (missing.length > 0) {
  console.log(`installing ${missing.map((run) => run.package).join(', ')} into ${cacheDir} …`);
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', ...missing.map((run) => run.package)], { cwd: cacheDir, stdio: 'inherit' });
  if (install.status !== 0) process.exit(1);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-clients-'));
// The coding CLIs' shell tools are called with a harmless command; other CLIs get their first tool.
const SHELL = { command: 'echo tool-ok', description: 'Print tool-ok' };
const fake = await startFakeUpstream({
  tools: true,
  text: 'Hello from the fake upstream.',
  preferredTools: { Bash: SHELL, bash: SHELL, exec_command: { cmd: 'echo tool-ok' }, shell: { command: ['echo', 'tool-ok'] } },
});
const clientKey = 'sk-clients-test-key-0001';
// Amp's own API (accounts, threads): a fake control plane the proxy passes Amp's non-model routes on to.
const ampKey = 'sgamp_user_clients_test_0001';
const fakeAmp = await startFakeAmp({ apiKey: ampKey });
const configPath = path.join(work, 'config.yaml');
writeFileSync(
  configPath,
  `host: 127.0.0.1
port: 0
auth-dir: ${JSON.stringify(path.join(work, 'auth'))}
api-keys: ["${clientKey}"]
openai-compatibility:
  - name: fake
    base-url: "${fake.url}/v1"
    api-key-entries: [{ api-key: "sk-upstream" }]
    models: [{ name: "fake-chat", alias: "fake-chat" }]
claude-api-key:
  - api-key: "sk-ant-upstream"
    base-url: "${fake.url}"
    models: [{ name: "fake-claude", alias: "fake-claude" }]
gemini-api-key:
  - api-key: "AIza-upstream"
    base-url: "${fake.url}"
    models: [{ name: "fake-gemini", alias: "fake-gemini" }]
codex-api-key:
  - api-key: "sk-upstream-codex"
    base-url: "${fake.url}/v1"
    models: [{ name: "fake-codex", alias: "fake-codex" }]
ampcode:
  upstream-url: "${fakeAmp.url}"
  upstream-api-key: "${ampKey}"
`,
);
// CLIPROXY_CLIENTS_LOG=1 shows the proxy log (which routes and transports each CLI used).
const logSink = process.env.CLIPROXY_CLIENTS_LOG ? (line) => process.stderr.write(`${typeof line === "string" ? line : JSON.stringify(line)}\n`) : null;
const localKey = `local-${randomBytes(18).toString('hex')}`;
const proxy = await startProxy({ configPath, watch: false }, { home: work, dataDir: work, logSink, localManagementKey: localKey });
// What `cliproxyctl serve` leaves for the other commands: how to reach this proxy's management API.
const dataDir = path.join(work, 'data');
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
writeFileSync(path.join(dataDir, 'control.json'), JSON.stringify({ url: proxy.address.url, key: localKey, pid: process.pid, configPath }), { mode: 0o600 });

/** `cliproxyctl setup <client> …` with HOME set to the CLI's own fresh home (async: this process serves the proxy it asks). */
function setup(home, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'cliproxyctl.mjs'), 'setup', ...args, '--config', configPath], {
      env: { PATH: process.env.PATH, HOME: home, CLIPROXY_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`cliproxyctl setup ${args.join(' ')} exited ${code}: ${output}`))));
  });
}

async function run(client) {
  const home = path.join(work, 'home', client.bin);
  const cwd = path.join(work, 'cwd', client.bin);
  mkdirSync(home, { recursive: true });
  mkdirSync(cwd, { recursive: true });
  writeFileSync(path.join(cwd, 'README.txt'), 'a file for the tool to find\n');
  if (client.setup) await setup(home, client.setup);
  const { args, env } = client.command(path.join(cacheDir, 'node_modules', '.bin', client.bin), proxy.address.url, clientKey);
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(args[0], args.slice(1), { cwd, env: { PATH: process.env.PATH, HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const results = [];
for (const client of runs) {
  const before = fake.requests.length;
  const ampBefore = fakeAmp.requests.length;
  const outcome = await run(client);
  const upstream = fake.requests.slice(before);
  const toolResultSent = upstream.some((request) => /tool_result|functionResponse|function_call_output|"role":"tool"/.test(request.rawBody.toString()));
  const judged = client.judge?.({ outcome, upstream, ampRequests: fakeAmp.requests.slice(ampBefore), ampKey });
  const ok = judged ? judged.ok : outcome.code === 0 && toolResultSent && /Tool said|Hello from the fake upstream/.test(outcome.output);
  results.push({ client: client.name, dialects: client.dialects, ok, exit: outcome.code, upstreamCalls: upstream.length, toolRoundTrip: toolResultSent, seconds: outcome.seconds, ...(judged ? { note: judged.note } : {}) });
  if (!ok) {
    console.log(`--- ${client.name} output (last 2000 chars) ---\n${outcome.output.slice(-2000)}`);
    console.log(`--- upstream calls: ${upstream.map((request) => `${request.method} ${request.path}`).join(', ')}`);
  }
}
console.table(results);
await proxy.close();
await fake.close();
await fakeAmp.close();
process.exit(results.every((result) => result.ok) ? 0 : 1);
