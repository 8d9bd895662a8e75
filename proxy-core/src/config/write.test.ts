import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from './config-error.js';
import { applyConfigChanges, validateConfigText } from './write.js';

const fixture = fs.readFileSync(new URL('./__fixtures__/cliproxyapi-config.yaml', import.meta.url), 'utf8');

describe('applyConfigChanges', () => {
  it('changes one value and leaves every other line of a real config as it was', () => {
    const output = applyConfigChanges(fixture, [{ path: ['routing', 'strategy'], value: 'fill-first' }]);
    const before = fixture.split('\n');
    const after = output.split('\n');
    const changed = after.filter((line, index) => line !== before[index]);
    // The edited line, plus two lines `yaml` re-spaces (a comment's column, spaces inside a flow mapping).
    expect(changed).toEqual([
      '  strategy: "fill-first"',
      '      - "gemini-2.5-pro" # not for this key',
      '    models: [ { name: "moonshotai/kimi-k2:free", alias: "kimi-k2" } ]',
    ]);
    expect(after).toHaveLength(before.length);
    expect(output).toContain('secret-key: "" # set one to enable the management API');
    expect(output).toContain('tls:\n  enable: false');
  });

  it('keeps a comment on the value it replaces', () => {
    const output = applyConfigChanges('port: 8317 # the port\nhost: x\n', [{ path: ['port'], value: 9000 }]);
    expect(output).toBe('port: 9000 # the port\nhost: x\n');
  });

  it('works on an empty document and creates missing parents', () => {
    const output = applyConfigChanges('', [
      { path: ['remote-management', 'secret-key'], value: 'abc' },
      { path: ['gemini-api-key', 0, 'api-key'], value: 'k1' },
    ]);
    expect(parse(output)).toEqual({ 'remote-management': { 'secret-key': 'abc' }, 'gemini-api-key': [{ 'api-key': 'k1' }] });
  });

  it('keeps comments of a file that has nothing else', () => {
    const output = applyConfigChanges('# my notes\n', [{ path: ['port'], value: 1234 }]);
    expect(output).toBe('# my notes\n\nport: 1234\n');
  });

  it('fills a block left empty (routing: with nothing under it)', () => {
    const output = applyConfigChanges('routing:\nport: 1\n', [{ path: ['routing', 'strategy'], value: 'fill-first' }]);
    expect(parse(output)).toEqual({ routing: { strategy: 'fill-first' }, port: 1 });
  });

  it('deletes keys and list entries when the value is undefined, and ignores paths that do not exist', () => {
    const text = 'api-keys:\n  - a\n  - b # second\n  - c\ndebug: true\n';
    const output = applyConfigChanges(text, [
      { path: ['api-keys', 1], value: undefined },
      { path: ['debug'], value: undefined },
      { path: ['nothing', 'here'], value: undefined },
    ]);
    expect(output).toBe('api-keys:\n  - a\n  - c\n');
  });

  it('appends to a list and replaces whole entries while keeping comments inside them', () => {
    const text = 'claude-api-key:\n  - api-key: old # rotated monthly\n    priority: 1\n';
    const output = applyConfigChanges(text, [
      { path: ['claude-api-key', 0], value: { 'api-key': 'new', prefix: 'team-a' } },
      { path: ['claude-api-key', 1], value: { 'api-key': 'second' } },
    ]);
    expect(output).toBe('claude-api-key:\n  - api-key: new # rotated monthly\n    prefix: team-a\n  - api-key: second\n');
  });

  it('quotes strings that would otherwise read as another type', () => {
    const output = applyConfigChanges('host: localhost\napi-keys:\n  - a\n', [
      { path: ['host'], value: 'true' },
      { path: ['api-keys', 0], value: '8317' },
    ]);
    expect(parse(output)).toEqual({ host: 'true', 'api-keys': ['8317'] });
  });

  it('does not fold long values', () => {
    const long = `https://example.com/${'a'.repeat(120)}`;
    const output = applyConfigChanges('', [{ path: ['proxy-url'], value: long }]);
    expect(output).toBe(`proxy-url: ${long}\n`);
  });

  it('keeps the file’s list style and CRLF line endings', () => {
    const output = applyConfigChanges('api-keys:\r\n- a\r\n- b\r\nport: 1\r\n', [{ path: ['port'], value: 2 }]);
    expect(output).toBe('api-keys:\r\n- a\r\n- b\r\nport: 2\r\n');
  });

  it('rejects text that is not valid YAML with a located ConfigError', () => {
    const error = (() => {
      try {
        applyConfigChanges('port: 1\nport: 2\n', [{ path: ['host'], value: 'x' }], { filePath: '/c/config.yaml' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^\/c\/config\.yaml:2:1: port: /);
  });

  it('refuses to turn a value into a block', () => {
    expect(() => applyConfigChanges('routing: fill-first\n', [{ path: ['routing', 'strategy'], value: 'x' }])).toThrow(
      'cannot set routing.strategy: routing holds "fill-first", not settings',
    );
  });
});

describe('validateConfigText', () => {
  it('returns the loaded config or the ConfigError', () => {
    const good = validateConfigText('port: 9000\n', '/c.yaml', { home: '/h' });
    expect(good.ok && good.loaded.config.port).toBe(9000);
    const bad = validateConfigText('port: nope\n', '/c.yaml', { home: '/h' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toBe('/c.yaml:1:7: port: expected a number between 0 and 65535, got "nope"');
  });
});
