import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codexFile, codexFileName, parseCodexFile } from './account-file.js';
import { codexImporters } from './import-codex-cli.js';

const jwt = (claims: Record<string, unknown>) => ['eyJhbGciOiJSUzI1NiJ9', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');
const idToken = (plan = 'plus', accountId = 'acc-123') =>
  jwt({ email: 'me@example.com', 'https://api.openai.com/auth': { chatgpt_account_id: accountId, chatgpt_plan_type: plan, chatgpt_user_id: 'user-9', organizations: [{ id: 'org-1', is_default: true }] } });

/** A file as CLIProxyAPI writes it (sdk/auth/codex_device.go, internal/auth/codex/token.go), plus a metadata field. */
const CPA_FILE = {
  type: 'codex',
  id_token: idToken(),
  access_token: 'at-abc',
  refresh_token: 'rt-abc',
  account_id: 'acc-123',
  last_refresh: '2026-11-20T10:00:00+08:00',
  email: 'me@example.com',
  expired: '2026-11-30T10:00:00+08:00',
  prefix: 'work',
};

describe('Codex account files', () => {
  it('reads CLIProxyAPI’s fields and the id_token claim', () => {
    const record = parseCodexFile(CPA_FILE);
    expect(record).toMatchObject({
      label: 'me@example.com',
      email: 'me@example.com',
      plan: 'plus',
      identity: 'acc-123|me@example.com',
      attributes: { accountId: 'acc-123', userId: 'user-9', organizationId: 'org-1' },
      tokens: { accessToken: 'at-abc', refreshToken: 'rt-abc', expiresAt: Date.parse('2026-11-30T02:00:00Z'), refreshedAt: Date.parse('2026-11-20T02:00:00Z') },
    });
  });

  it('refuses a file without an access token, saying what to do', () => {
    expect(() => parseCodexFile({ type: 'codex', refresh_token: 'rt' })).toThrow(/no access_token.*log in again/);
  });

  it('without `expired`, the access token’s own JWT exp is the expiry', () => {
    const record = parseCodexFile({ type: 'codex', access_token: jwt({ exp: 1_800_000_000 }), account_id: 'a', email: 'x@example.com' });
    expect(record.tokens.expiresAt).toBe(1_800_000_000_000);
  });

  it('writes the same fields back, keeping the ones it does not know', () => {
    const record = parseCodexFile(CPA_FILE);
    const written = codexFile({ ...record, tokens: { ...record.tokens, accessToken: 'at-new', refreshToken: 'rt-new', expiresAt: Date.parse('2026-12-10T00:00:00Z') } }, CPA_FILE);
    expect(written).toEqual({
      ...CPA_FILE,
      access_token: 'at-new',
      refresh_token: 'rt-new',
      last_refresh: '2026-11-20T02:00:00.000Z',
      expired: '2026-12-10T00:00:00.000Z',
    });
  });

  it('names files codex-<hash8>-<email>-<plan>.json, leaving out what is unknown', () => {
    const hash = createHash('sha256').update('acc-123').digest('hex').slice(0, 8);
    expect(codexFileName(parseCodexFile(CPA_FILE))).toBe(`codex-${hash}-me@example.com-plus.json`);
    expect(codexFileName(parseCodexFile({ ...CPA_FILE, id_token: idToken('Team Business') }))).toBe(`codex-${hash}-me@example.com-team-business.json`);
    expect(codexFileName(parseCodexFile({ type: 'codex', access_token: 'at', email: 'me@example.com' }))).toBe('codex-me@example.com.json');
  });

  it('two members of one workspace (same account id) stay two accounts', () => {
    const first = parseCodexFile(CPA_FILE);
    const second = parseCodexFile({ ...CPA_FILE, email: 'colleague@example.com' });
    expect(first.identity).not.toBe(second.identity);
  });
});

describe('Codex importers', () => {
  const context = {} as never;

  it('the Codex CLI’s ~/.codex/auth.json becomes an account (account id from tokens, facts from the id_token)', async () => {
    const [codexCli] = codexImporters;
    const record = await codexCli.read({ OPENAI_API_KEY: null, tokens: { id_token: idToken('pro', 'acc-cli'), access_token: 'at-cli', refresh_token: 'rt-cli', account_id: 'acc-cli' }, last_refresh: '2026-11-28T12:00:00Z' }, context);
    expect(record).toMatchObject({ email: 'me@example.com', plan: 'pro', attributes: { accountId: 'acc-cli' }, tokens: { accessToken: 'at-cli', refreshToken: 'rt-cli', refreshedAt: Date.parse('2026-11-28T12:00:00Z') } });
    expect(codexCli.defaultPaths).toEqual(['.codex/auth.json']);
  });

  it('an auth.json with only an API key, or another vendor’s file, is not a Codex account', async () => {
    const [codexCli, cliproxy] = codexImporters;
    expect(await codexCli.read({ OPENAI_API_KEY: 'sk-123', tokens: null }, context)).toBeUndefined();
    expect(await cliproxy.read({ type: 'claude', access_token: 'x' }, context)).toBeUndefined();
    expect(await cliproxy.read(CPA_FILE, context)).toMatchObject({ email: 'me@example.com', plan: 'plus' });
  });
});
