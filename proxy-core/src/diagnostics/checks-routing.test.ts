import { describe, expect, it } from 'vitest';
import { NOW, proxyContext, usageRecord } from './__fixtures__/fake-context.js';
import { createDiagnostics } from './registry.js';

const compat = (models: string, extra = '') => `openai-compatibility:
  - name: fakeai
    base-url: "http://127.0.0.1:9/v1"
    api-key-entries: [{ api-key: "sk-upstream-secret-0001" }]
    models: ${models}
${extra}`;

describe('model inventory', () => {
  it('passes with a clean inventory and counts it', async () => {
    const check = (await createDiagnostics(proxyContext(compat('[{ name: "a" }, { name: "b" }]')).context).run('model-inventory'))!;
    expect(check).toMatchObject({ status: 'pass', evidence: { models: 2, aliasCollisions: [], credentialsWithNoModel: [] } });
  });

  it('finds an alias that routes to different upstream models', async () => {
    const yaml = compat('[{ name: "llama-3-70b", alias: "fast" }]', `claude-api-key:
  - api-key: "sk-ant-secret-0001"
    models: [{ name: "claude-haiku-4-5", alias: "fast" }]
`);
    const check = (await createDiagnostics(proxyContext(yaml).context).run('model-inventory'))!;
    expect(check.status).toBe('warn');
    expect(check.evidence.aliasCollisions).toEqual([{ model: 'fast', routesTo: ['claude:claude-haiku-4-5', 'fakeai:llama-3-70b'] }]);
    expect(check.summary).toContain('fast → claude:claude-haiku-4-5 | fakeai:llama-3-70b');
  });

  it('does not call one model under a vendor prefix a collision', async () => {
    const yaml = compat('[{ name: "openai/gpt-4o", alias: "gpt-4o" }]', `codex-api-key:
  - api-key: "sk-openai-secret-0001"
    base-url: "http://127.0.0.1:9/v1"
    models: [{ name: "gpt-4o" }]
`);
    expect((await createDiagnostics(proxyContext(yaml).context).run('model-inventory'))!.evidence.aliasCollisions).toEqual([]);
  });

  it('finds a credential whose excluded-models hide every model, and fails when nothing is listed', async () => {
    const hidden = compat('[{ name: "a" }, { name: "b" }]', '').replace('models:', 'excluded-models: ["*"]\n    models:');
    const check = (await createDiagnostics(proxyContext(hidden).context).run('model-inventory'))!;
    expect(check.status).toBe('fail');
    expect(check.evidence.credentialsWithNoModel).toEqual([{ credential: 'fakeai sk-u…0001', excludedModels: ['*'] }]);
    const partly = `${hidden}claude-api-key:\n  - api-key: "sk-ant-secret-0001"\n    models: [{ name: "claude-x" }]\n`;
    const warned = (await createDiagnostics(proxyContext(partly).context).run('model-inventory'))!;
    expect(warned.status).toBe('warn');
    expect(warned.summary).toContain('1 credential(s) serve no model because excluded-models hides all of them (fakeai sk-u…0001)');
  });
});

describe('codex models and compact', () => {
  it('gpt-5.3-codex from the Codex catalogue; Spark is not offered, so the advice is gpt-5.3-codex', async () => {
    const yaml = 'codex-api-key:\n  - api-key: "sk-openai-secret-0001"\n    base-url: "http://127.0.0.1:9/v1"\n';
    const diagnostics = createDiagnostics(proxyContext(yaml).context);
    expect((await diagnostics.run('codex-models'))!).toMatchObject({ status: 'pass', evidence: { 'gpt-5.3-codex': true, 'gpt-5.3-codex-spark': false } });
    expect((await diagnostics.run('responses-compact'))!.status).toBe('pass');
  });

  it('Spark listed but refused recently: a warning that points at gpt-5.3-codex', async () => {
    const yaml = 'codex-api-key:\n  - api-key: "sk-openai-secret-0001"\n    base-url: "http://127.0.0.1:9/v1"\n    models: [{ name: "gpt-5.3-codex" }, { name: "gpt-5.3-codex-spark" }]\n';
    const fake = proxyContext(yaml);
    fake.usage.push(usageRecord({ requestedModel: 'gpt-5.3-codex-spark', status: 404, time: NOW - 5000 }));
    const check = (await createDiagnostics(fake.context).run('codex-models'))!;
    expect(check.status).toBe('warn');
    expect(check.remediation).toContain('gpt-5.3-codex');
  });

  it('no Responses upstream: compact is a warning that says what to add', async () => {
    const check = (await createDiagnostics(proxyContext(compat('[{ name: "a" }]')).context).run('responses-compact'))!;
    expect(check.status).toBe('warn');
    expect(check.remediation).toContain('codex-api-key');
  });
});
