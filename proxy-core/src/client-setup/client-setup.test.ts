import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClientSetup, ModelNotServedError, SetupConflictError, UnreadableFileError, type SetupTarget } from './index.js';

const FIXTURES = path.join(import.meta.dirname, '__fixtures__');
const KEY = 'sk-cliproxy-client-key-0123456789';
const target: SetupTarget = { baseUrl: 'http://127.0.0.1:8317', apiKey: KEY, models: ['gpt-5.4', 'claude-sonnet-4-6', 'gemini-2.5-flash'], model: 'gpt-5.4' };

/** Where each client's files live under HOME, and the fixture they start from. */
const FILES: Record<string, Record<string, string>> = {
  'claude-code': { 'settings.json': '.claude/settings.json' },
  codex: { 'config.toml': '.codex/config.toml' },
  'gemini-cli': { 'settings.json': '.gemini/settings.json', '.env': '.gemini/.env' },
  'qwen-code': { 'settings.json': '.qwen/settings.json', '.env': '.qwen/.env' },
  opencode: { 'opencode.json': '.config/opencode/opencode.json' },
  'factory-droid': { 'settings.json': '.factory/settings.json' },
  amp: { 'settings.json': '.config/amp/settings.json', 'secrets.json': '.local/share/amp/secrets.json' },
  continue: { 'config.yaml': '.continue/config.yaml' },
};

let home: string;
let dataDir: string;
let now: number;

function setup(env: Record<string, string> = {}) {
  return createClientSetup({ fs: fs.promises, dataDir, clock: () => new Date(now++), context: { home, env, platform: 'linux' } });
}

function copyFixtures(client: string) {
  for (const [fixture, destination] of Object.entries(FILES[client] ?? {})) {
    fs.mkdirSync(path.dirname(path.join(home, destination)), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'existing', client, fixture), path.join(home, destination));
  }
}

const readHome = (relative: string) => fs.readFileSync(path.join(home, relative), 'utf8');

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'cliproxy-setup-home-'));
  dataDir = path.join(home, '.local', 'share', 'cliproxy-desktop');
  now = Date.parse('2026-12-08T02:00:00.000Z');
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

describe.each(Object.keys(FILES))('%s', (client) => {
  it('merges only our keys into the existing files (golden), keeps comments and unknown keys, and reverts to the exact bytes', async () => {
    copyFixtures(client);
    const originals = Object.fromEntries(Object.values(FILES[client] ?? {}).map((relative) => [relative, readHome(relative)]));
    const clientSetup = setup();
    expect((await clientSetup.status(client, target)).state).toBe('elsewhere');

    const result = await clientSetup.apply(client, target);
    expect(result.status.state).toBe('this-proxy');
    for (const [fixture, relative] of Object.entries(FILES[client] ?? {})) {
      await expect(readHome(relative)).toMatchFileSnapshot(path.join(FIXTURES, 'golden', client, fixture));
      // Every comment line of the original is still there.
      for (const line of (originals[relative] as string).split('\n').filter((text) => /^\s*(#|\/\/)/.test(text))) expect(readHome(relative)).toContain(line);
    }
    expect(result.backups).toHaveLength(Object.keys(FILES[client] ?? {}).length);

    // A second run changes nothing and writes nothing.
    const again = await clientSetup.apply(client, target);
    expect(again.written).toEqual([]);
    expect(again.plan.files.every((file) => !file.changed)).toBe(true);

    const reverted = await clientSetup.revert(client, target);
    expect(reverted.removed).toEqual([]);
    for (const [relative, text] of Object.entries(originals)) expect(readHome(relative)).toBe(text);
    expect((await clientSetup.status(client, target)).state).toBe('elsewhere');
  });

  it('creates the files in a fresh HOME, and revert removes exactly the files it created', async () => {
    const clientSetup = setup();
    expect((await clientSetup.status(client, target)).state).toBe('not-set-up');
    expect((await clientSetup.status(client, target)).detected).toBe(false);
    const result = await clientSetup.apply(client, { ...target, model: undefined });
    expect(result.backups).toEqual([]);
    expect(result.status).toMatchObject({ state: 'this-proxy', detected: true, revertible: true });
    const reverted = await clientSetup.revert(client, target);
    expect(reverted.removed.sort()).toEqual(Object.values(FILES[client] ?? {}).map((relative) => path.join(home, relative)).sort());
    for (const relative of Object.values(FILES[client] ?? {})) expect(fs.existsSync(path.join(home, relative))).toBe(false);
    // The folders the setup created are gone too, so the tool no longer looks installed.
    expect(fs.readdirSync(home).filter((name) => name !== '.local')).toEqual([]);
    expect((await clientSetup.status(client, target)).detected).toBe(false);
    expect((await clientSetup.status(client, target)).state).toBe('not-set-up');
  });

  it('reports "changed since we wrote it" and will not revert over the edit without force', async () => {
    copyFixtures(client);
    const clientSetup = setup();
    await clientSetup.apply(client, target);
    const first = Object.values(FILES[client] ?? {})[0] as string;
    fs.appendFileSync(path.join(home, first), '\n');
    const status = await clientSetup.status(client, target);
    expect(status.state).toBe('changed-since-written');
    await expect(clientSetup.revert(client, target)).rejects.toThrow(SetupConflictError);
    await clientSetup.revert(client, target, { force: true });
    expect(readHome(first)).toBe(fs.readFileSync(path.join(FIXTURES, 'existing', client, Object.keys(FILES[client] ?? {})[0] as string), 'utf8'));
  });
});

describe('safety', () => {
  it('refuses a file it cannot parse, with the line and reason, and leaves it untouched', async () => {
    fs.mkdirSync(path.join(home, '.codex'));
    const broken = 'model = "gpt-5"\n[model_providers.x\nname = "x"\n';
    fs.writeFileSync(path.join(home, '.codex', 'config.toml'), broken);
    const clientSetup = setup();
    const error = await clientSetup.apply('codex', target).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as UnreadableFileError).line).toBe(2);
    expect((error as Error).message).toContain('config.toml line 2');
    expect(readHome('.codex/config.toml')).toBe(broken);
    expect((await clientSetup.status('codex', target)).state).toBe('unreadable');
    expect(fs.existsSync(path.join(dataDir, 'client-setup'))).toBe(false);
  });

  it('refuses malformed JSON with its line', async () => {
    fs.mkdirSync(path.join(home, '.claude'));
    fs.writeFileSync(path.join(home, '.claude', 'settings.json'), '{\n  "env": {\n    "A": 1\n  \n}\n');
    const error = await setup().preview('claude-code', target).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as UnreadableFileError).line).toBe(6);
  });

  it('writes no model the proxy does not serve', async () => {
    await expect(setup().apply('claude-code', { ...target, model: 'claude-opus-4-8' })).rejects.toThrow(ModelNotServedError);
    await expect(setup().apply('claude-code', { ...target, model: 'claude-opus-4-8' })).rejects.toThrow('The proxy does not serve "claude-opus-4-8"');
    expect(fs.existsSync(path.join(home, '.claude', 'settings.json'))).toBe(false);
  });

  it('masks the client key and the replaced token in the preview diff', async () => {
    copyFixtures('claude-code');
    const plan = await setup().preview('claude-code', target);
    const diff = plan.files[0]?.diff ?? '';
    expect(diff).toContain('+    "ANTHROPIC_BASE_URL": "http://127.0.0.1:8317"');
    expect(diff).toContain('-    "ANTHROPIC_BASE_URL": "https://gateway.example.com"');
    expect(diff).not.toContain(KEY);
    expect(diff).not.toContain('old-gateway-token-123456');
    expect(diff).toContain('sk-c…6789');
  });

  it('refuses to apply when the file changed after the preview', async () => {
    copyFixtures('codex');
    const clientSetup = setup();
    const plan = await clientSetup.preview('codex', target);
    fs.appendFileSync(path.join(home, '.codex', 'config.toml'), '# edited\n');
    const writer = (await import('./setup-writer.js')).createSetupWriter({ fs: fs.promises, dataDir, clock: () => new Date(now) });
    await expect(writer.apply(plan)).rejects.toThrow('changed after the preview');
  });

  it('keeps the very first backup for revert across several setups', async () => {
    copyFixtures('claude-code');
    const original = readHome('.claude/settings.json');
    const clientSetup = setup();
    await clientSetup.apply('claude-code', target);
    await clientSetup.apply('claude-code', { ...target, model: 'claude-sonnet-4-6' });
    expect((await clientSetup.status('claude-code', target)).model).toBe('claude-sonnet-4-6');
    expect(fs.readdirSync(path.join(dataDir, 'client-setup', 'backups', 'claude-code'))).toHaveLength(2);
    await clientSetup.revert('claude-code', target);
    expect(readHome('.claude/settings.json')).toBe(original);
  });

  it('honours CODEX_HOME, CLAUDE_CONFIG_DIR and XDG_CONFIG_HOME', async () => {
    const clientSetup = setup({ CODEX_HOME: path.join(home, 'codex-home'), CLAUDE_CONFIG_DIR: path.join(home, 'claude-dir'), XDG_CONFIG_HOME: path.join(home, 'xdg') });
    await clientSetup.apply('codex', target);
    await clientSetup.apply('claude-code', target);
    await clientSetup.apply('opencode', target);
    expect(fs.existsSync(path.join(home, 'codex-home', 'config.toml'))).toBe(true);
    expect(fs.existsSync(path.join(home, 'claude-dir', 'settings.json'))).toBe(true);
    expect(fs.existsSync(path.join(home, 'xdg', 'opencode', 'opencode.json'))).toBe(true);
  });

  it('lists detected clients first, with guided cards carrying the exact values', async () => {
    fs.mkdirSync(path.join(home, '.qwen'));
    const list = await setup().list(target);
    expect(list[0]).toMatchObject({ id: 'qwen-code', detected: true, state: 'not-set-up' });
    const cherry = list.find((entry) => entry.id === 'cherry-studio');
    const link = new URL(cherry?.link ?? '');
    expect(link.protocol).toBe('cherrystudio:');
    expect(JSON.parse(Buffer.from(link.searchParams.get('data') ?? '', 'base64').toString('utf8'))).toEqual({ id: 'cliproxy-desktop', name: 'CLIProxy Desktop', type: 'openai', baseUrl: 'http://127.0.0.1:8317', apiKey: KEY });
    expect(list.find((entry) => entry.id === 'cline')?.steps).toContainEqual({ label: 'Base URL', value: 'http://127.0.0.1:8317/v1' });
  });

  it('Continue: refuses to create config.yaml beside a config.json it would replace', async () => {
    fs.mkdirSync(path.join(home, '.continue'));
    fs.writeFileSync(path.join(home, '.continue', 'config.json'), '{ "models": [] }\n');
    await expect(setup().apply('continue', target)).rejects.toThrow('Continue reads this config.json, and a new config.yaml would replace it');
    expect(fs.readdirSync(path.join(home, '.continue'))).toEqual(['config.json']);
  });
});

describe('diff masking of the user’s other secrets', () => {
  it('masks secret-looking values near our lines (a GitHub token in Claude Code’s env, a key in .env)', async () => {
    fs.mkdirSync(path.join(home, '.claude'));
    fs.writeFileSync(path.join(home, '.claude', 'settings.json'), '{\n  "env": {\n    "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_0123456789abcdefghij"\n  }\n}\n');
    fs.mkdirSync(path.join(home, '.gemini'));
    fs.writeFileSync(path.join(home, '.gemini', '.env'), 'OTHER_SERVICE_API_KEY=other-secret-value-0001\n');
    const claudeDiff = (await setup().preview('claude-code', target)).files[0]?.diff ?? '';
    expect(claudeDiff).toContain('"GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_…ghij"');
    expect(claudeDiff).not.toContain('ghp_0123456789abcdefghij');
    const geminiDiff = (await setup().preview('gemini-cli', target)).files.map((file) => file.diff).join('');
    expect(geminiDiff).toContain(' OTHER_SERVICE_API_KEY=othe…0001');
    expect(geminiDiff).not.toContain('other-secret-value-0001');
  });
});

describe('paths per platform', () => {
  it('Windows: every file under the user profile with backslashes; CODEX_HOME still honoured', async () => {
    const { CLIENTS } = await import('./clients/index.js');
    const context = { home: 'C:\\Users\\me', env: {}, platform: 'win32' as const };
    const files = Object.fromEntries(CLIENTS.flatMap((client) => (client.kind === 'file' ? [[client.id, client.files(context)]] : [])));
    expect(files).toEqual({
      'claude-code': ['C:\\Users\\me\\.claude\\settings.json'],
      codex: ['C:\\Users\\me\\.codex\\config.toml'],
      'gemini-cli': ['C:\\Users\\me\\.gemini\\settings.json', 'C:\\Users\\me\\.gemini\\.env'],
      'qwen-code': ['C:\\Users\\me\\.qwen\\settings.json', 'C:\\Users\\me\\.qwen\\.env'],
      opencode: ['C:\\Users\\me\\.config\\opencode\\opencode.json'],
      'factory-droid': ['C:\\Users\\me\\.factory\\settings.json'],
      amp: ['C:\\Users\\me\\.config\\amp\\settings.json', 'C:\\Users\\me\\.local\\share\\amp\\secrets.json'],
      continue: ['C:\\Users\\me\\.continue\\config.yaml', 'C:\\Users\\me\\.continue\\config.json'],
    });
    const codex = CLIENTS.find((client) => client.id === 'codex');
    expect(codex?.kind === 'file' && codex.files({ ...context, env: { CODEX_HOME: 'D:\\codex' } })).toEqual(['D:\\codex\\config.toml']);
  });
});

describe('already set up by hand', () => {
  it('a file that already has our values is not written, and there is nothing to revert', async () => {
    fs.mkdirSync(path.join(home, '.claude'));
    const text = `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "http://127.0.0.1:8317",\n    "ANTHROPIC_AUTH_TOKEN": "${KEY}"\n  }\n}\n`;
    fs.writeFileSync(path.join(home, '.claude', 'settings.json'), text);
    const result = await setup().apply('claude-code', { ...target, model: undefined });
    expect(result.written).toEqual([]);
    expect(result.status).toMatchObject({ state: 'this-proxy', revertible: false });
    await expect(setup().revert('claude-code', target)).rejects.toThrow('claude-code was not set up by CLIProxy Desktop on this machine, so there is nothing to revert.');
    expect(readHome('.claude/settings.json')).toBe(text);
  });
});

describe('a write that fails halfway', () => {
  it('leaves the files already written revertible, and says which file failed', async () => {
    const failing = {
      ...fs.promises,
      rename: async (from: string, to: string) => {
        if (to.endsWith('.env')) throw Object.assign(new Error('EIO: simulated'), { code: 'EIO' });
        return fs.promises.rename(from, to);
      },
    } as typeof fs.promises;
    const clientSetup = createClientSetup({ fs: failing, dataDir, clock: () => new Date(now++), context: { home, env: {}, platform: 'linux' } });
    await expect(clientSetup.apply('gemini-cli', target)).rejects.toThrow(`Could not write ${path.join(home, '.gemini', '.env')} (EIO: simulated). ${path.join(home, '.gemini', 'settings.json')} was written before it; revert puts it back.`);
    expect(fs.existsSync(path.join(home, '.gemini', 'settings.json'))).toBe(true);
    expect(fs.existsSync(path.join(home, '.gemini', '.env'))).toBe(false);
    const reverted = await setup().revert('gemini-cli', target);
    expect(reverted.removed).toEqual([path.join(home, '.gemini', 'settings.json')]);
    expect(fs.existsSync(path.join(home, '.gemini'))).toBe(false);
  });
});
