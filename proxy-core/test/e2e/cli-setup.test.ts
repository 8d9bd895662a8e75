import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { runCli } from '../../src/cli/main.js';
import { writeLocalControl } from '../../src/cli/local-control.js';
import { startProxy } from '../../src/server/start-proxy.js';
import { cliEnvironment } from './cli-harness.js';

// cliproxyctl setup in a scratch HOME: offline (config.yaml) and against a running proxy (control.json).
const CLIENT_KEY = 'sk-setup-client-key-0123456789';
let home: string;
let configPath: string;

async function cli(argv: string[]) {
  const { env, output } = cliEnvironment(home, [...argv, '--config', configPath]);
  const code = await runCli(env);
  return { code, ...output };
}

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'cliproxy-setup-cli-'));
  configPath = path.join(home, 'config.yaml');
  writeFileSync(
    configPath,
    `host: 0.0.0.0
port: 8399
auth-dir: "${path.join(home, 'auth')}"
api-keys: ["${CLIENT_KEY}"]
openai-compatibility:
  - name: fakeai
    base-url: "http://127.0.0.1:9/v1"
    api-key-entries: [{ api-key: "sk-upstream-setup-0001" }]
    models: [{ name: "m" }, { name: "m-small" }]
`,
    { mode: 0o600 },
  );
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('cliproxyctl setup (no running proxy: config.yaml)', () => {
  it('sets up Codex with a served model, prints the diff with the key masked, and reverts it', async () => {
    const result = await cli(['setup', 'codex', '--model', 'm']);
    expect(result.code).toBe(0);
    const file = path.join(home, '.codex', 'config.toml');
    const config = parseToml(readFileSync(file, 'utf8')) as any;
    expect(config).toEqual({
      model_provider: 'cliproxy',
      model: 'm',
      model_providers: { cliproxy: { name: 'CLIProxy Desktop', base_url: 'http://127.0.0.1:8399/v1', wire_api: 'responses', experimental_bearer_token: CLIENT_KEY } },
    });
    expect(result.stdout).toContain('+base_url = "http://127.0.0.1:8399/v1"');
    expect(result.stdout).toContain('Codex CLI now points at this proxy. Undo with: cliproxyctl setup codex --revert');
    expect(result.stdout).not.toContain(CLIENT_KEY);

    const again = await cli(['setup', 'codex', '--model', 'm']);
    expect(again.stdout).toBe('Codex CLI is already set up for http://127.0.0.1:8399; nothing changed.\n');

    const reverted = await cli(['setup', 'codex', '--revert']);
    expect(reverted.code).toBe(0);
    expect(reverted.stdout).toContain('Removed ~/.codex/config.toml (the setup had created it)');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a model the proxy does not serve (exit 1) and writes nothing', async () => {
    const result = await cli(['setup', 'claude-code', '--model', 'claude-opus-4-8']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('cliproxyctl setup: The proxy does not serve "claude-opus-4-8", so the model was not written (a client asking for it would get 404). Served models: m, m-small.\n');
    expect(existsSync(path.join(home, '.claude'))).toBe(false);
  });

  it('refuses a settings file it cannot parse (exit 1, line named) and leaves it byte for byte', async () => {
    mkdirSync(path.join(home, '.gemini'));
    const broken = '{\n  "ui": {\n    "theme": "x",,\n  }\n}\n';
    writeFileSync(path.join(home, '.gemini', 'settings.json'), broken);
    const result = await cli(['setup', 'gemini-cli', '--json']);
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout);
    expect(body).toMatchObject({ command: 'setup', ok: false, details: { client: 'gemini-cli', file: path.join(home, '.gemini', 'settings.json'), line: 3 } });
    expect(readFileSync(path.join(home, '.gemini', 'settings.json'), 'utf8')).toBe(broken);
    expect(existsSync(path.join(home, '.gemini', '.env'))).toBe(false);
  });

  it('--dry-run prints the diff and writes nothing; --list shows every client and its state', async () => {
    const dry = await cli(['setup', 'opencode', '--model', 'm', '--small-model', 'm-small', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+  "model": "cliproxy/m",');
    expect(dry.stdout).toContain('+  "small_model": "cliproxy/m-small"');
    expect(dry.stdout).toContain('(dry run: nothing was written)');
    expect(existsSync(path.join(home, '.config', 'opencode'))).toBe(false);

    await cli(['setup', 'qwen-code']);
    const list = await cli(['setup', '--list', '--json']);
    expect(list.code).toBe(0);
    const clients = JSON.parse(list.stdout).details.clients as any[];
    expect(clients[0]).toMatchObject({ id: 'qwen-code', detected: true, state: 'this-proxy', pointsAt: 'http://127.0.0.1:8399/v1' });
    expect(clients.find((client) => client.id === 'codex')).toMatchObject({ state: 'not-set-up', detected: false });
    expect(clients.find((client) => client.id === 'cline').steps).toContainEqual({ label: 'API key', value: 'sk-s…6789', secret: true });
    expect(list.stdout).not.toContain(CLIENT_KEY);

    const text = await cli(['setup', '--list']);
    expect(text.stdout).toContain('  Qwen Code      points at this proxy\n      ~/.qwen/settings.json, ~/.qwen/.env');
  });

  it('with port: 0 and no running proxy, says to start it first (the address is not known yet)', async () => {
    writeFileSync(configPath, readFileSync(configPath, 'utf8').replace('port: 8399', 'port: 0'));
    const result = await cli(['setup', 'codex']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has port: 0 (a free port picked at each start), so the address is known only while the proxy runs. Start it (cliproxyctl serve) and run the setup again.');
    expect(existsSync(path.join(home, '.codex'))).toBe(false);
  });

  it('Amp: writes amp.url and the key Amp looks up for it, and says ampcode.upstream-url is still needed', async () => {
    const result = await cli(['setup', 'amp']);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(home, '.config', 'amp', 'settings.json'), 'utf8'))).toEqual({ 'amp.url': 'http://127.0.0.1:8399' });
    expect(JSON.parse(readFileSync(path.join(home, '.local', 'share', 'amp', 'secrets.json'), 'utf8'))).toEqual({ 'apiKey@http://127.0.0.1:8399': CLIENT_KEY });
    expect(result.stderr).toContain('set ampcode.upstream-url (https://ampcode.com) in config.yaml');
    writeFileSync(configPath, `${readFileSync(configPath, 'utf8')}ampcode:\n  upstream-url: "https://ampcode.com"\n`);
    expect((await cli(['setup', 'amp', '--revert'])).code).toBe(0);
    expect((await cli(['setup', 'amp'])).stderr).toBe('');
  });

  it('usage errors exit 2: unknown client, no client, unknown flag', async () => {
    expect((await cli(['setup', 'vim'])).code).toBe(2);
    expect((await cli(['setup', 'vim'])).stderr).toContain('Unknown client "vim". Known clients: claude-code, codex, gemini-cli');
    expect((await cli(['setup'])).code).toBe(2);
    expect((await cli(['setup', 'codex', '--modle', 'm'])).code).toBe(2);
  });

  it('revert of a file edited since the setup needs --force', async () => {
    mkdirSync(path.join(home, '.claude'));
    const original = '{\n  // mine\n  "theme": "dark"\n}\n';
    writeFileSync(path.join(home, '.claude', 'settings.json'), original);
    expect((await cli(['setup', 'claude-code'])).code).toBe(0);
    writeFileSync(path.join(home, '.claude', 'settings.json'), `${readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8')}\n`);
    const refused = await cli(['setup', 'claude-code', '--revert']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('changed since CLIProxy Desktop wrote it; reverting would discard those edits');
    expect((await cli(['setup', 'claude-code', '--revert', '--force'])).code).toBe(0);
    expect(readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8')).toBe(original);
  });
});

describe('cliproxyctl setup (a running proxy on this machine)', () => {
  it('writes the running proxy’s address and key, and the written settings authenticate against it', async () => {
    const dataDir = path.join(home, 'data');
    writeFileSync(configPath, readFileSync(configPath, 'utf8').replace('host: 0.0.0.0\nport: 8399', 'host: 127.0.0.1\nport: 0'));
    const localKey = 'local-setup-test-key-0001';
    const proxy = await startProxy({ configPath, watch: false }, { home, dataDir, usageDatabase: ':memory:', logSink: null, accountBackground: false, localManagementKey: localKey });
    const control = await writeLocalControl(dataDir, { url: proxy.address.url, key: localKey, configPath });
    try {
      const result = await cli(['setup', 'claude-code', '--model', 'm', '--json']);
      expect(result.code).toBe(0);
      const body = JSON.parse(result.stdout);
      expect(body.details).toMatchObject({ source: 'running-proxy', baseUrl: proxy.address.url, status: { state: 'this-proxy', model: 'm' } });
      expect(result.stdout).not.toContain(CLIENT_KEY);
      expect(result.stdout).not.toContain(localKey);
      const settings = JSON.parse(readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8'));
      expect(settings.env).toEqual({ ANTHROPIC_BASE_URL: proxy.address.url, ANTHROPIC_AUTH_TOKEN: CLIENT_KEY, ANTHROPIC_MODEL: 'm' });
      const models = await fetch(`${settings.env.ANTHROPIC_BASE_URL}/v1/models`, { headers: { authorization: `Bearer ${settings.env.ANTHROPIC_AUTH_TOKEN}` } });
      expect(models.status).toBe(200);
      expect(((await models.json()) as { data: { id: string }[] }).data.map((model) => model.id)).toContain('m');
    } finally {
      await control.remove();
      await proxy.close();
    }
  });
});
