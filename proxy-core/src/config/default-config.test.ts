import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { ensureConfigFile, generateConfigKey, renderDefaultConfig } from './default-config.js';
import { parseConfigText } from './load.js';

const keys = { clientKey: 'sk-cliproxy-client', managementKey: 'management-secret' };

describe('renderDefaultConfig', () => {
  it('is a valid config with the documented defaults and the given keys, without warnings', () => {
    const loaded = parseConfigText(renderDefaultConfig(keys), '/config.yaml', { home: '/home/ana' });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.file).toMatchObject({
      host: '127.0.0.1',
      port: 8317,
      'auth-dir': '~/.cli-proxy-api',
      'api-keys': ['sk-cliproxy-client'],
      'remote-management': { 'allow-remote': false, 'secret-key': 'management-secret', 'disable-control-panel': false },
      'usage-statistics-enabled': true,
      'request-retry': 3,
      'max-retry-interval': 30,
      routing: { strategy: 'round-robin' },
      streaming: { 'keepalive-seconds': 15 },
    });
    expect(loaded.config.authDir).toBe('/home/ana/.cli-proxy-api');
    expect(loaded.config.geminiApiKeys).toEqual([]);
  });

  it('explains the settings in comments', () => {
    const text = renderDefaultConfig(keys);
    expect(text).toMatch(/^# .*127\.0\.0\.1.*this computer only/m);
    expect(text).toMatch(/^# With an empty list, anyone who can reach the port/m);
  });

  it('has provider examples that become working entries when uncommented', () => {
    const text = renderDefaultConfig(keys);
    const examplesStart = text.indexOf('# Provider API keys.');
    expect(examplesStart).toBeGreaterThan(0);
    // Example lines are "# " followed by YAML (lower-case key, space or "-"); prose comments start with a capital.
    const examples = text
      .slice(examplesStart)
      .split('\n')
      .map((line) => (/^# (?=[a-z\s-])/.test(line) ? line.slice(2) : line))
      .join('\n');
    const uncommented = text.slice(0, examplesStart) + examples;
    const loaded = parseConfigText(uncommented, '/config.yaml', { home: '/home/ana' });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.config.geminiApiKeys).toHaveLength(1);
    expect(loaded.config.claudeApiKeys).toHaveLength(1);
    expect(loaded.config.codexApiKeys[0]).toMatchObject({ baseUrl: 'https://api.openai.com/v1' });
    expect(loaded.config.openAiCompatibility[0]).toMatchObject({
      name: 'openrouter',
      baseUrl: 'https://openrouter.ai/api/v1',
      keys: [{ apiKey: 'sk-or-v1-...' }],
      models: [{ name: 'moonshotai/kimi-k2:free', alias: 'kimi-k2' }],
    });
  });

  it('quotes keys safely', () => {
    const loaded = parseConfigText(renderDefaultConfig({ clientKey: 'a"b: #c', managementKey: "it's" }), '/c.yaml', { home: '/h' });
    expect(loaded.config.apiKeys).toEqual(['a"b: #c']);
    expect(loaded.config.remoteManagement.secretKey).toBe("it's");
  });
});

describe('generateConfigKey', () => {
  it('makes sk-cliproxy- client keys and plain management keys, different each time', () => {
    expect(generateConfigKey('client')).toMatch(/^sk-cliproxy-[A-Za-z0-9_-]{32}$/);
    expect(generateConfigKey('management')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generateConfigKey('client')).not.toBe(generateConfigKey('client'));
  });
});

describe('ensureConfigFile', () => {
  let directory: string;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cliproxy-ensure-'));
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  let counter = 0;
  const randomKey = (purpose: 'client' | 'management') => `${purpose}-key-${++counter}`;

  it('creates the folder (0700) and the file (0600) with fresh keys, and returns them', async () => {
    const file = path.join(directory, 'nested', 'cliproxy-desktop', 'config.yaml');
    const result = await ensureConfigFile(file, { fs: fs.promises, randomKey });
    expect(result).toEqual({ created: true, clientKey: expect.stringMatching(/^client-key-/), managementKey: expect.stringMatching(/^management-key-/) });
    if (!result.created) throw new Error('unreachable');
    const text = fs.readFileSync(file, 'utf8');
    const loaded = parseConfigText(text, file, { home: '/h' });
    expect(loaded.config.apiKeys).toEqual([result.clientKey]);
    expect(loaded.config.remoteManagement.secretKey).toBe(result.managementKey);
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    }
    expect(fs.readdirSync(path.dirname(file))).toEqual(['config.yaml']);
  });

  it('never touches an existing file', async () => {
    const file = path.join(directory, 'config.yaml');
    fs.writeFileSync(file, 'port: 9999\n');
    expect(await ensureConfigFile(file, { fs: fs.promises, randomKey })).toEqual({ created: false });
    expect(fs.readFileSync(file, 'utf8')).toBe('port: 9999\n');
  });

  it('creates the file once when two starts race', async () => {
    const file = path.join(directory, 'config.yaml');
    const results = await Promise.all([1, 2, 3].map(() => ensureConfigFile(file, { fs: fs.promises, randomKey })));
    const created = results.filter((result) => result.created);
    expect(created).toHaveLength(1);
    if (!created[0].created) throw new Error('unreachable');
    expect(fs.readFileSync(file, 'utf8')).toContain(created[0].clientKey);
    expect(fs.readdirSync(directory)).toEqual(['config.yaml']);
  });

  it('works on file systems without hard links', async () => {
    const file = path.join(directory, 'config.yaml');
    const noLinks = { ...fs.promises, link: () => Promise.reject(Object.assign(new Error('operation not permitted'), { code: 'EPERM' })) };
    const result = await ensureConfigFile(file, { fs: noLinks, randomKey });
    expect(result.created).toBe(true);
    expect(fs.readdirSync(directory)).toEqual(['config.yaml']);
  });

  it('explains where to go when the location is not writable', async () => {
    const file = path.join(directory, 'config.yaml');
    // Injected because tests may run as root, for whom permission bits do not apply.
    const readOnly = { ...fs.promises, open: () => Promise.reject(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' })) };
    const error = await ensureConfigFile(file, { fs: readOnly, randomKey }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `${file}: cannot create the config file: EROFS: read-only file system; choose a writable place with --config or CLIPROXY_CONFIG`,
    );
    expect(fs.existsSync(file)).toBe(false);
  });
});
