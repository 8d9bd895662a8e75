import { describe, expect, it } from 'vitest';
import { NOW, proxyContext, usageRecord } from './__fixtures__/fake-context.js';
import { createDiagnostics } from './registry.js';

const yaml = `claude-api-key:
  - api-key: "sk-ant-secret-0001"
    base-url: "http://127.0.0.1:9"
`;
const notFound = (model: string, time = NOW - 60_000) =>
  usageRecord({ requestedModel: model, status: 404, errorCode: 'model_not_found', time, clientKey: 'sk-t…0001#abcdef', provider: '', credentialId: '' });

describe('models clients asked for', () => {
  it('passes when every id asked for in the last 24 h is served', async () => {
    const { context, usage } = proxyContext(yaml);
    usage.push(usageRecord({ requestedModel: 'claude-sonnet-4-6' }), notFound('claude-gone', NOW - 25 * 3_600_000));
    const diagnostics = createDiagnostics(context);
    expect((await diagnostics.run('requested-models'))!).toMatchObject({ status: 'pass', evidence: { unserved: [] } });
    expect((await diagnostics.run('model-inventory'))!.status).toBe('pass');
  });

  it('fails naming the ids, their counts and the fix; the inventory check no longer says ok', async () => {
    const { context, usage } = proxyContext(yaml);
    usage.push(notFound('claude-opus-4-8'), notFound('claude-opus-4-8'), notFound('gemini-3.8-flash'), notFound('claude-sonnet-4-6'));
    const diagnostics = createDiagnostics(context);
    const check = (await diagnostics.run('requested-models'))!;
    expect(check.status).toBe('fail');
    // claude-sonnet-4-6 got a 404 once but is served now (the catalogue): not a problem any more.
    expect(check.summary).toBe('Clients asked for 2 model(s) that no enabled account serves, and got "model not found": claude-opus-4-8 (2×), gemini-3.8-flash (1×).');
    expect(check.remediation).toContain('log in with Claude Code or add a claude-api-key');
    expect(check.remediation).toContain('log in with Gemini CLI or Antigravity, or add a gemini-api-key');
    expect(check.remediation).toContain('Map to…');
    expect(check.evidence.unserved).toEqual([
      expect.objectContaining({ model: 'claude-opus-4-8', count: 2, clientKeys: ['sk-t…0001#abcdef'] }),
      expect.objectContaining({ model: 'gemini-3.8-flash', count: 1 }),
    ]);
    const inventory = (await diagnostics.run('model-inventory'))!;
    expect(inventory.status).toBe('warn');
    expect(inventory.summary).toContain('clients asked for 2 id(s) in the last 24 h that no account serves (claude-opus-4-8 (2×), gemini-3.8-flash (1×)');
  });
});
