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
import { DEFAULT_RUNS, LISTED_DEFAULTS, MAPPED_TARGET, mappedConfig, ownVendorConfig } from './clients/default-runs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = process.env.CLIPROXY_CLIENTS_DIR ?? path.join(os.homedir(), '.cache', 'cliproxy-desktop', 'clients');
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg === -1 ? undefined : process.argv[onlyArg + 1].toLowerCase().split(',');
const picked = (run) => !only || only.some((name) => run.name.toLowerCase().includes(name));
const runs = CLIENT_RUNS.filter(picked);
const defaultRuns = DEFAULT_RUNS.filter(picked);

spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
const { startFakeAmp, startFakeUpstream } = await import(path.join(root, 'dist', 'testing', 'index.js'));
const { startProxy } = await import(path.join(root, 'dist', 'proxy-core', 'index.js'));

mkdirSync(cacheDir, { recursive: true });
if (!existsSync(path.join(cacheDir, 'package.json'))) writeFileSync(path.join(cacheDir, 'package.json'), '{"private":true}');
const missing = [...runs, ...defaultRuns.map((run) => CLIENT_RUNS.find((client) => client.bin === run.bin))].filter((run) => !existsSync(path.join(cacheDir, 'node_modules', '.bin', run.bin)));
if (missing.length > 0) {
  console.log(`installing ${missing.map((run) => run.package).join(', ')} into ${cacheDir} …`);
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', ...missing.map((run) => run.package)], { cwd: cacheDir, stdio: 'inherit' });
  if (install.status !== 0) process.exit(1);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-clients-'));
// The coding CLIs' shell tools are called with a harmless command; other CLIs get their first tool.
const SHELL = { command: 'echo tool-ok', description: 'Print tool-ok' };
const FAKE_OPTIONS = {
  tools: true,
  text: 'Hello from the fake upstream.',
  preferredTools: { Bash: SHELL, bash: SHELL, exec_command: { cmd: 'echo tool-ok' }, shell: { command: ['echo', 'tool-ok'] } },
};
const fake = await startFakeUpstream(FAKE_OPTIONS);
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
/**
 * A proxy in this process, and what `cliproxyctl serve` leaves for the other commands (control.json: how to
 * reach its management API), so `cliproxyctl setup` asks it for its address, key and models.
 */
async function startTarget(file, name) {
  const localKey = `local-${randomBytes(18).toString('hex')}`;
  const running = await startProxy({ configPath: file, watch: false }, { home: work, dataDir: path.join(work, `proxy-${name}`), logSink, localManagementKey: localKey });
  const controlDir = path.join(work, `data-${name}`);
  mkdirSync(controlDir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(controlDir, 'control.json'), JSON.stringify({ url: running.address.url, key: localKey, pid: process.pid, configPath: file }), { mode: 0o600 });
  return { proxy: running, url: running.address.url, configPath: file, dataDir: controlDir };
}
const main = await startTarget(configPath, 'main');
const proxy = main.proxy;

/** `cliproxyctl setup <client> …` with HOME set to the CLI's own fresh home (async: this process serves the proxy it asks). */
function setup(home, args, target) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'cliproxyctl.mjs'), 'setup', ...args, '--config', target.configPath], {
      env: { PATH: process.env.PATH, HOME: home, CLIPROXY_DATA_DIR: target.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`cliproxyctl setup ${args.join(' ')} exited ${code}: ${output}`))));
  });
}

async function run(client, target = main, label = client.bin) {
  const home = path.join(work, 'home', label);
  const cwd = path.join(work, 'cwd', label);
  mkdirSync(home, { recursive: true });
  mkdirSync(cwd, { recursive: true });
  writeFileSync(path.join(cwd, 'README.txt'), 'a file for the tool to find\n');
  if (client.setup) await setup(home, client.setup, target);
  const { args, env } = client.command(path.join(cacheDir, 'node_modules', '.bin', client.bin), target.url, clientKey);
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
await proxy.close();
await fake.close();
await fakeAmp.close();

// Each CLI on its own default model (`cliproxyctl setup` without --model, no model anywhere): (a) its own
// vendor's key, the id known from that key's live model list; (b) only other vendors' accounts, through
// model-mappings.
if (defaultRuns.length > 0) {
  const fakes = {};
  for (const vendor of ['claude', 'codex', 'gemini', 'qwen']) fakes[vendor] = await startFakeUpstream({ ...FAKE_OPTIONS, listedModels: LISTED_DEFAULTS[vendor] });
  const modelOf = (request) => {
    const inPath = /\/models\/([^/:]+):/.exec(request.path);
    if (inPath) return decodeURIComponent(inPath[1]);
    try {
      return JSON.parse(request.rawBody.toString()).model;
    } catch {
      return undefined;
    }
  };
  const generation = (request) => request.method === 'POST' && !/countTokens|count_tokens/.test(request.path);
  for (const [mode, configText] of [['own-vendor', ownVendorConfig], ['mapped', mappedConfig]]) {
    const file = path.join(work, `config-${mode}.yaml`);
    writeFileSync(file, configText({ work, clientKey, fakes }));
    const target = await startTarget(file, mode);
    if (mode === 'own-vendor') await target.proxy.modelLists.refresh();
    for (const client of defaultRuns) {
      const before = Object.fromEntries(Object.entries(fakes).map(([vendor, upstream]) => [vendor, upstream.requests.length]));
      const outcome = await run(client, target, `${client.bin}-default-${mode}`).catch((error) => ({ code: -1, output: String(error.message), seconds: 0 }));
      const [targetVendor, targetModel] = mode === 'own-vendor' ? [client.vendor, undefined] : MAPPED_TARGET[client.vendor];
      const upstream = fakes[targetVendor].requests.slice(before[targetVendor]).filter(generation);
      const models = [...new Set(upstream.map(modelOf))];
      const modelOk = upstream.length > 0 && (mode === 'own-vendor' ? models.every((model) => LISTED_DEFAULTS[client.vendor].includes(model)) : models.every((model) => model === targetModel));
      const toolResultSent = upstream.some((request) => /tool_result|functionResponse|function_call_output|"role":"tool"/.test(request.rawBody.toString()));
      const ok = outcome.code === 0 && modelOk && toolResultSent && /Tool said|Hello from the fake upstream/.test(outcome.output);
      results.push({ client: `${client.name} (default model, ${mode})`, dialects: `upstream ${targetVendor}: ${models.join(', ') || 'none'}`, ok, exit: outcome.code, upstreamCalls: upstream.length, toolRoundTrip: toolResultSent, seconds: outcome.seconds });
      if (!ok) {
        console.log(`--- ${client.name} on its default model (${mode}) output (last 2000 chars) ---\n${outcome.output.slice(-2000)}`);
        const all = Object.entries(fakes).flatMap(([vendor, upstreamFake]) => upstreamFake.requests.slice(before[vendor]).map((request) => `${vendor}: ${request.method} ${request.path} ${modelOf(request) ?? ''}`));
        console.log(`--- upstream calls: ${all.join(', ')}`);
      }
    }
    await target.proxy.close();
  }
  for (const upstreamFake of Object.values(fakes)) await upstreamFake.close();
}

console.table(results);
process.exit(results.every((result) => result.ok) ? 0 : 1);
