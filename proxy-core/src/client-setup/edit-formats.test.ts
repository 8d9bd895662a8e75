import { describe, expect, it } from 'vitest';
import { editEnv, readEnv } from './edit-env.js';
import { editJson } from './edit-json.js';
import { editToml } from './edit-toml.js';
import { editYaml } from './edit-yaml.js';
import { UnreadableFileError } from './unreadable-file-error.js';

const provider = ['model_providers', 'cliproxy'];

describe('editToml', () => {
  it('replaces a value in place and keeps its trailing comment, even with # inside the string', () => {
    expect(editToml('c.toml', 'base = "a#b" # note\n', [{ table: [], key: 'base', value: 'x' }])).toBe('base = "x" # note\n');
  });

  it('edits a key written as a dotted key at the root', () => {
    const text = 'model_providers.cliproxy.base_url = "old"\nother = 1\n';
    expect(editToml('c.toml', text, [{ table: provider, key: 'base_url', value: 'new' }])).toBe('model_providers.cliproxy.base_url = "new"\nother = 1\n');
  });

  it('refuses to edit our table when it is an inline table, naming the form', () => {
    const text = 'model_providers = { cliproxy = { name = "x" } }\n';
    expect(() => editToml('c.toml', text, [{ table: provider, key: 'base_url', value: 'new' }])).toThrow('[model_providers.cliproxy] is written in a form we do not edit');
  });

  it('adds a root key before the first table when there are no root keys, keeping the comment above it with the table', () => {
    const text = '# providers\n[model_providers.other]\nname = "o"\n';
    expect(editToml('c.toml', text, [{ table: [], key: 'model_provider', value: 'cliproxy' }])).toBe('model_provider = "cliproxy"\n# providers\n[model_providers.other]\nname = "o"\n');
  });

  it('adds missing keys to our existing table right after its last key, and keeps CRLF line ends', () => {
    const text = '[model_providers.cliproxy]\r\nname = "x"\r\n\r\n[other]\r\na = 1\r\n';
    expect(editToml('c.toml', text, [{ table: provider, key: 'wire_api', value: 'responses' }])).toBe('[model_providers.cliproxy]\r\nname = "x"\r\nwire_api = "responses"\r\n\r\n[other]\r\na = 1\r\n');
  });

  it('replaces a multi-line string value whole', () => {
    const text = 'notes = """\none\ntwo\n"""\nnext = 1\n';
    expect(editToml('c.toml', text, [{ table: [], key: 'notes', value: 'short' }])).toBe('notes = "short"\nnext = 1\n');
  });

  it('does not mistake a [header] inside a multi-line string for a table', () => {
    const text = 'notes = """\n[model_providers.cliproxy]\n"""\n';
    expect(editToml('c.toml', text, [{ table: provider, key: 'name', value: 'n' }])).toBe('notes = """\n[model_providers.cliproxy]\n"""\n\n[model_providers.cliproxy]\nname = "n"\n');
  });

  it('refuses a broken file with the line and column of the problem', () => {
    const error = (() => {
      try {
        editToml('c.toml', 'a = 1\nb = = 2\n', [{ table: [], key: 'a', value: 2 }]);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error).toMatchObject({ line: 2 });
  });
});

describe('editEnv', () => {
  it('changes our values where they are, appends missing ones and keeps export, comments and blank lines', () => {
    const text = '# keep\nexport A="old value" # c\n\nB=2\n';
    expect(editEnv('.env', text, [{ key: 'A', value: 'new' }, { key: 'C', value: 'x y' }])).toBe('# keep\nexport A=new\n\nB=2\nC="x y"\n');
    expect(readEnv('.env', text)).toEqual({ A: 'old value', B: '2' });
  });

  it('refuses a line that is not KEY=value', () => {
    expect(() => editEnv('.env', 'A=1\nnot an assignment\n', [{ key: 'A', value: '2' }])).toThrow('.env line 2, column 1: expected KEY=value');
  });
});

describe('editJson', () => {
  it('adds a property to an empty object and to a one-line object without touching the rest', () => {
    expect(editJson('s.json', '{}\n', [{ kind: 'set', path: ['env', 'A'], value: '1' }])).toBe('{\n  "env": {\n    "A": "1"\n  }\n}\n');
    expect(editJson('s.json', '{ "a": 1 }\n', [{ kind: 'set', path: ['b'], value: 2 }])).toBe('{ "a": 1, "b": 2 }\n');
  });

  it('uses the file’s own indentation (tabs)', () => {
    expect(editJson('s.json', '{\n\t"a": 1\n}\n', [{ kind: 'set', path: ['b', 'c'], value: true }])).toBe('{\n\t"a": 1,\n\t"b": {\n\t\t"c": true\n\t}\n}\n');
  });

  it('refuses to set a key below a value that is not an object', () => {
    expect(() => editJson('s.json', '{ "env": "x" }', [{ kind: 'set', path: ['env', 'A'], value: '1' }])).toThrow('env is not an object');
  });
});

describe('editYaml', () => {
  it('sets a nested key and keeps comments', () => {
    const text = '# top\nname: a # why\nmodels:\n  - x\n';
    expect(editYaml('c.yaml', text, [{ path: ['settings', 'base'], value: 'http://h' }])).toBe('# top\nname: a # why\nmodels:\n  - x\nsettings:\n  base: http://h\n');
  });

  it('refuses broken YAML with its line', () => {
    expect(() => editYaml('c.yaml', 'a: [1,\nb: 2\n', [])).toThrow(UnreadableFileError);
  });
});

describe('unifiedDiff', () => {
  it('starts at the file lines and marks a new file as coming from /dev/null', async () => {
    const { unifiedDiff } = await import('./unified-diff.js');
    expect(unifiedDiff('/h/.env', undefined, 'A=1\n')).toBe('--- /dev/null\n+++ /h/.env\n@@ -0,0 +1,1 @@\n+A=1\n');
    expect(unifiedDiff('/h/.env', 'A=1\n', 'A=1\n')).toBe('');
  });
});
