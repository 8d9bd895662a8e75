import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfigFile, parseConfigText } from './load.js';

const FILE = '/home/ana/.config/cliproxy-desktop/config.yaml';
const parse = (text: string) => parseConfigText(text, FILE, { home: '/home/ana' });

function errorOf(text: string): ConfigError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfigText: a valid file', () => {
  it('reads an existing CLIProxyAPI config, keeping unknown keys in the document and warning about them', () => {
    const text = fs.readFileSync(new URL('./__fixtures__/cliproxyapi-config.yaml', import.meta.url), 'utf8');
    const loaded = parse(text);
    expect(loaded.config.port).toBe(8317);
    expect(loaded.config.host).toBe('');
    expect(loaded.config.authDir).toBe('/home/ana/.cli-proxy-api');
    expect(loaded.config.apiKeys).toEqual(['your-api-key-1', 'your-api-key-2']);
    expect(loaded.config.routingStrategy).toBe('round-robin');
    expect(loaded.config.geminiApiKeys[0]).toMatchObject({ prefix: 'test', models: [{ name: 'gemini-2.5-flash', alias: 'gemini-flash' }] });
    expect(loaded.config.codexApiKeys.map((entry) => entry.apiKey)).toEqual(['sk-codex-example']);
    expect(loaded.config.openAiCompatibility[0].baseUrl).toBe('https://openrouter.ai/api/v1');
    expect(loaded.document.has('tls')).toBe(true);
    expect(loaded.document.has('payload')).toBe(true);

    const lines = text.split('\n');
    const lineOf = (fragment: string) => lines.findIndex((line) => line.includes(fragment)) + 1;
    expect(loaded.warnings).toEqual([
      { key: 'tls', line: lineOf('tls:'), message: expect.stringContaining('CLIProxyAPI setting that CLIProxy Desktop does not use') },
      { key: 'codex-api-key.1.base-url', line: lineOf('sk-codex-without-base-url'), message: expect.stringContaining('need a base-url') },
    ]);
    // payload rules are read now (issue 14), so no warning.
    expect(loaded.config.payload.default).toEqual([{ models: [{ name: 'gemini-2.5-pro' }], params: { 'generationConfig.thinkingConfig.thinkingBudget': 32768 } }]);
  });

  it('says credential-concurrency is the reference\'s cluster-lease tuning, not a per-account cap', () => {
    const [warning] = parse('credential-concurrency:\n  max-limit: 4\n').warnings;
    expect(warning.key).toBe('credential-concurrency');
    expect(warning.message).toContain('not a per-account cap');
    expect(warning.message).toContain('decision 2026-12-08-20');
  });

  it('reads per-key weight and no longer warns about it', () => {
    const loaded = parse('claude-api-key:\n  - api-key: sk-ant-1\n    weight: 4\n');
    expect(loaded.warnings).toEqual([]);
    expect(loaded.config.claudeApiKeys[0]!.weight).toBe(4);
  });

  it('says why a reference key is not used when there is a reason worth knowing (commercial-mode)', () => {
    const [warning] = parse('commercial-mode: true\n').warnings;
    expect(warning.key).toBe('commercial-mode');
    expect(warning.message).toBe(
      '"commercial-mode" is a CLIProxyAPI setting that CLIProxy Desktop does not use (it turns off CLIProxyAPI\'s request-logging middleware to save memory; here request logs are off unless request-log is true); it is kept in the file and ignored',
    );
    // The keys implemented since are read, not warned about.
    expect(parse('request-log: true\nerror-logs-max-files: 3\npassthrough-headers: true\ntransient-error-cooldown-seconds: -1\nws-auth: true\n').warnings).toEqual([]);
    expect(parse('ws-auth: true\n').config.wsAuth).toBe(true);
  });

  it('treats an empty file, or one with only comments, as all defaults', () => {
    for (const text of ['', '# nothing yet\n']) {
      const loaded = parse(text);
      expect(loaded.config.port).toBe(8317);
      expect(loaded.config.host).toBe('127.0.0.1');
      expect(loaded.config.apiKeys).toEqual([]);
      expect(loaded.warnings).toEqual([]);
    }
  });

  it('treats a key with an empty value as absent, as CLIProxyAPI does', () => {
    const loaded = parse('port:\napi-keys:\nrouting:\n');
    expect(loaded.config.port).toBe(8317);
    expect(loaded.config.apiKeys).toEqual([]);
    expect(loaded.config.routingStrategy).toBe('round-robin');
  });

  it('returns the text and its sha256', () => {
    const loaded = parse('port: 9000\n');
    expect(loaded.text).toBe('port: 9000\n');
    expect(loaded.path).toBe(FILE);
    expect(loaded.hash).toBe(createHash('sha256').update('port: 9000\n').digest('hex'));
    expect(parse('port: 9001\n').hash).not.toBe(loaded.hash);
  });
});

describe('parseConfigText: unknown keys', () => {
  it('suggests the key the user probably meant, at the right line', () => {
    const loaded = parse('host: "127.0.0.1"\nprot: 9000\napi_keys: [a]\n');
    expect(loaded.warnings).toEqual([
      { key: 'prot', line: 2, message: 'unknown key "prot" — did you mean "port"? It is kept in the file but ignored' },
      { key: 'api_keys', line: 3, message: expect.stringContaining('did you mean "api-keys"?') },
    ]);
    expect(loaded.config.port).toBe(8317);
  });

  it('warns about unknown keys inside known blocks and list entries', () => {
    const loaded = parse('routing:\n  strategy: fill-first\n  stratgy: x\nclaude-api-key:\n  - api-key: k\n    base_url: https://x\n');
    expect(loaded.warnings.map((warning) => [warning.key, warning.line])).toEqual([
      ['routing.stratgy', 3],
      ['claude-api-key.0.base_url', 6],
    ]);
    expect(loaded.warnings[1].message).toContain('did you mean "base-url"?');
  });

  it('points out a top-level key that belongs in a block', () => {
    const loaded = parse('routing:\n  strategy: fill-first\nkeepalive-seconds: 5\n');
    expect(loaded.warnings[0]).toMatchObject({ key: 'keepalive-seconds', line: 3 });
    expect(loaded.warnings[0].message).toContain('it is a setting of "streaming:"');
  });
});

describe('parseConfigText: errors name the file, line, column, key and the fix', () => {
  it('a port that is not a number', () => {
    const error = errorOf('host: "127.0.0.1"\nport: "abc"\n');
    expect(error.message).toBe(`${FILE}:2:7: port: expected a number between 0 and 65535, got "abc"`);
    expect(error).toMatchObject({ file: FILE, line: 2, column: 7, key: 'port' });
  });

  it('a quoted number says to remove the quotes', () => {
    expect(errorOf('port: "8317"\n').message).toBe(`${FILE}:1:7: port: expected a number between 0 and 65535, got "8317"; remove the quotes around the number`);
  });

  it('a value out of range, a wrong boolean, an unknown strategy', () => {
    expect(errorOf('port: 70000\n').reason).toBe('must be at most 65535, got 70000');
    expect(errorOf('debug: "yes"\n').reason).toBe('expected true or false, got "yes"; write true or false, without quotes');
    const strategy = errorOf('routing:\n  strategy: random\n');
    expect(strategy).toMatchObject({ line: 2, column: 13, key: 'routing.strategy' });
    expect(strategy.reason).toBe('expected one of round-robin, rr, fill-first, ff, weighted-round-robin, wrr, got "random"');
  });

  it('lists every problem, one line each, in file order', () => {
    const error = errorOf('request-retry: -1\nport: abc\ndebug: 3\n');
    expect(error.message.split('\n')).toEqual([
      `${FILE}:1:16: request-retry: must be at least 0, got -1`,
      `${FILE}:2:7: port: expected a number between 0 and 65535, got "abc"`,
      `${FILE}:3:8: debug: expected true or false, got 3`,
    ]);
    expect(error.problems).toHaveLength(3);
  });

  it('a missing required key points at its list entry', () => {
    const error = errorOf('openai-compatibility:\n  - base-url: https://x\n');
    expect(error).toMatchObject({ line: 2, column: 5, key: 'openai-compatibility.0.name' });
    expect(error.reason).toBe('required but missing: add it (expected text)');
  });

  it('a scalar where a list or a block belongs says how to write it', () => {
    expect(errorOf('oauth-excluded-models:\n  gemini-cli: abc\n').reason).toBe('expected a list, got "abc"; write each item on its own line starting with "- "');
    expect(errorOf('routing: fill-first\n').reason).toContain('put the settings on the lines below this key, indented by two spaces');
  });

  it('a bare value where a list entry of settings belongs shows the entry shape', () => {
    const error = errorOf('gemini-api-key:\n  - "AIzaSyD-very-secret-key-value"\n');
    expect(error).toMatchObject({ line: 2, column: 5, key: 'gemini-api-key.0' });
    expect(error.reason).toBe('expected an entry of named settings, got "AIza…alue"; write it as "- api-key: …"');
    expect(errorOf('openai-compatibility:\n  - openrouter\n').reason).toContain('write it as "- name: …"');
  });

  it('an empty list item says to fill it in or delete it', () => {
    expect(errorOf('api-keys:\n  - a\n  -\n')).toMatchObject({
      line: 3,
      key: 'api-keys.1',
      reason: 'expected text or a number, got an empty value; fill in a value or delete the line',
    });
  });

  it('never prints a secret in full', () => {
    const error = errorOf('remote-management:\n  secret-key: 12345\ngemini-api-key:\n  - api-key: "AIzaSyD-very-secret-key-value"\n    proxy-url: 5\n');
    expect(error.message).not.toContain('very-secret');
    const secretEntries = errorOf('openai-compatibility:\n  - name: x\n    base-url: https://x\n    api-key-entries: "sk-or-v1-0123456789abcdef"\n');
    expect(secretEntries.reason).toBe('expected a list, got "sk-o…cdef"; write each item on its own line starting with "- "');
    expect(secretEntries.message).not.toContain('0123456789');
    expect(errorOf('api-keys: sk-cliproxy-0123456789\n').reason).toBe('expected a list, got "sk-c…6789"; write each item on its own line starting with "- "');
    // Model names are not secret even inside a key entry.
    expect(errorOf('claude-api-key:\n  - api-key: k\n    excluded-models: claude-opus\n').reason).toContain('got "claude-opus"');
  });
});

describe('parseConfigText: indentation and syntax mistakes', () => {
  it('a block whose settings were not indented is an error at the first setting', () => {
    const error = errorOf('port: 8317\nrouting:\nstrategy: fill-first\n');
    expect(error).toMatchObject({ line: 3, column: 1, key: 'routing' });
    expect(error.reason).toContain('indent "strategy" (and any settings after it) by two spaces so it sits under "routing:"');
  });

  it('a list whose entry was not indented says to add "- "', () => {
    const error = errorOf('gemini-api-key:\napi-key: abc\n');
    expect(error).toMatchObject({ line: 2, key: 'gemini-api-key' });
    expect(error.reason).toContain('as a list entry, e.g. "  - api-key: …"');
  });

  it('a misaligned setting in a list entry points at that line and column', () => {
    const error = errorOf('gemini-api-key:\n  - api-key: a\n   base-url: b\n');
    expect(error).toMatchObject({ line: 3, column: 4, key: 'gemini-api-key.0.api-key' });
    expect(error.reason).toContain('every setting of a list entry must line up with the first setting after "- "');
  });

  it('an over-indented line', () => {
    const error = errorOf('routing:\n  strategy: round-robin\n   foo: 1\n');
    expect(error).toMatchObject({ line: 2, key: 'routing.strategy' });
    expect(error.reason).toContain('indented more than this one');
  });

  it('an unclosed [ or { points at the bracket', () => {
    expect(errorOf('port: 8317\napi-keys: [unclosed\nhost: x\n')).toMatchObject({ line: 2, column: 11, reason: expect.stringContaining('close the bracket') });
    expect(errorOf('routing: {strategy: rr\n')).toMatchObject({ line: 1, column: 10 });
  });

  it('tabs, duplicate keys, an unclosed quote, a Windows path in double quotes', () => {
    expect(errorOf('routing:\n\tstrategy: fill-first\n')).toMatchObject({ line: 2, column: 1, reason: expect.stringContaining('replace the tab with spaces') });
    expect(errorOf('port: 1\nport: 2\n')).toMatchObject({ line: 2, column: 1, key: 'port', reason: expect.stringContaining('keep only one') });
    expect(errorOf('port: 8317\nhost: "127.0.0.1\nport: 2\n')).toMatchObject({ line: 2, column: 7, key: 'host', reason: expect.stringContaining('closing quote') });
    expect(errorOf('auth-dir: "C:\\Users\\me"\n')).toMatchObject({ line: 1, key: 'auth-dir', reason: expect.stringContaining("single quotes for Windows paths") });
  });

  it('a file that is not a set of key: value settings', () => {
    expect(errorOf('- a\n- b\n').message).toBe(`${FILE}:1:1: the file must consist of "key: value" settings (e.g. port: 8317), but it holds a list`);
    expect(errorOf('sk-secret-pasted-here\n').message).toBe(`${FILE}:1:1: the file must consist of "key: value" settings (e.g. port: 8317), but it holds a single value`);
  });
});

describe('loadConfigFile', () => {
  let directory: string | undefined;
  afterEach(() => {
    if (directory) fs.rmSync(directory, { recursive: true, force: true });
    directory = undefined;
  });

  it('reads and parses a real file', async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cliproxy-load-'));
    const file = path.join(directory, 'config.yaml');
    fs.writeFileSync(file, 'port: 9100\n');
    const loaded = await loadConfigFile(file, { readFile: fs.promises.readFile, home: '/home/ana' });
    expect(loaded.config.port).toBe(9100);
    expect(loaded.path).toBe(file);
  });

  it('a missing file is a ConfigError that says what to do and keeps the cause', async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cliproxy-load-'));
    const file = path.join(directory, 'config.yaml');
    const error = await loadConfigFile(file, { readFile: fs.promises.readFile, home: '/home/ana' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`${file}: the file does not exist; create it, or point --config (or CLIPROXY_CONFIG) at the right file`);
    expect(((error as ConfigError).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});

describe('parseConfigText: ampcode', () => {
  it('reads the whole ampcode block without warnings; an invalid regex mapping is dropped with one', () => {
    const loaded = parse(`ampcode:
  upstream-url: "https://ampcode.com/"
  upstream-api-key: "sgamp-default"
  restrict-management-to-localhost: true
  upstream-api-keys:
    - upstream-api-key: "sgamp-team"
      api-keys: ["sk-team"]
  model-mappings:
    - { from: "claude-opus-4-5", to: "claude-sonnet-4-5" }
    - { from: "gpt-(", to: "gpt-5-mini", regex: true }
    - { from: "^gpt-5.*$", to: "gpt-5-mini", regex: true }
  force-model-mappings: true
`);
    expect(loaded.warnings).toEqual([{ key: 'ampcode.model-mappings.1.from', line: 10, message: expect.stringContaining('is not a valid regular expression') }]);
    expect(loaded.config.ampcode).toEqual({
      upstreamUrl: 'https://ampcode.com',
      upstreamApiKey: 'sgamp-default',
      restrictManagementToLocalhost: true,
      upstreamApiKeys: [{ upstreamApiKey: 'sgamp-team', apiKeys: ['sk-team'] }],
      modelMappings: [
        { from: 'claude-opus-4-5', to: 'claude-sonnet-4-5', regex: false },
        { from: '^gpt-5.*$', to: 'gpt-5-mini', regex: true },
      ],
      forceModelMappings: true,
    });
  });
});
