import { describe, expect, it } from 'vitest';
import { doctorContext, proxyContext } from './__fixtures__/fake-context.js';
import { readChatStream } from './canary.js';
import type { CheckDefinition } from './check-definition.js';
import { createCheckDefinitions, createDiagnostics, NOT_RUN_DOCTOR_SUMMARY, NOT_RUN_SUMMARY } from './registry.js';

const base = { title: 'A check', symptom: 'it breaks', cause: 'because' };

describe('check registry', () => {
  it('has unique kebab-case ids, each with a symptom and a cause', () => {
    const definitions = createCheckDefinitions();
    expect(new Set(definitions.map((definition) => definition.id)).size).toBe(definitions.length);
    for (const definition of definitions) {
      expect(definition.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(definition.symptom.length).toBeGreaterThan(10);
      expect(definition.cause.length).toBeGreaterThan(10);
    }
    expect(definitions.filter((definition) => definition.onDemand).map((definition) => definition.id)).toEqual(['stream-parity']);
  });

  it('list runs cheap checks and marks on-demand ones not run, without calling them', async () => {
    let canaryRuns = 0;
    const definitions: CheckDefinition[] = [
      { ...base, id: 'cheap', needs: 'files', run: async () => ({ status: 'pass', summary: 'fine' }) },
      { ...base, id: 'canary', needs: 'files', onDemand: true, run: async () => (canaryRuns++, { status: 'pass', summary: 'ran' }) },
    ];
    const diagnostics = createDiagnostics(doctorContext('port: 8317\n'), definitions);
    const listed = await diagnostics.list();
    // In doctor there is no button: the not-run summary names --all (the page's says "press Run check").
    expect(listed.map((check) => [check.id, check.status, check.summary, check.ran])).toEqual([
      ['cheap', 'pass', 'fine', undefined],
      ['canary', 'unknown', NOT_RUN_DOCTOR_SUMMARY, false],
    ]);
    expect(NOT_RUN_DOCTOR_SUMMARY).toBe('Not run: it sends two tiny requests (a few tokens). Run `cliproxyctl doctor --all` to include it.');
    expect(NOT_RUN_SUMMARY).not.toContain('--all');
    expect(canaryRuns).toBe(0);
    expect((await diagnostics.run('canary'))!.summary).toBe('ran');
    expect(canaryRuns).toBe(1);
    expect(await diagnostics.run('missing')).toBeUndefined();
  });

  it('a check that throws is reported as unknown, not as an error', async () => {
    const diagnostics = createDiagnostics(doctorContext('port: 8317\n'), [{ ...base, id: 'broken', needs: 'files', run: async () => { throw new Error('EACCES reading /proc'); } }]);
    expect((await diagnostics.run('broken'))!).toMatchObject({ status: 'unknown', summary: 'The check could not complete: EACCES reading /proc' });
  });

  it('in doctor, checks that need the proxy say how to run them; with a proxy answering, they point at the page', async () => {
    const proxyOnly: CheckDefinition = { ...base, id: 'inside', needs: 'proxy', run: async () => ({ status: 'pass', summary: 'x' }) };
    const clientOnly: CheckDefinition = { ...base, id: 'outside', needs: 'client', run: async () => ({ status: 'pass', summary: 'reached' }) };
    const offline = createDiagnostics(doctorContext('port: 8317\n'), [proxyOnly, clientOnly]);
    for (const check of await offline.list()) expect(check.summary).toBe('Needs the running proxy: start it (`cliproxyctl serve` or the desktop app), then run doctor again.');
    const client = { baseUrl: 'http://127.0.0.1:8317', keyLabel: () => null, request: async () => ({ status: 200, headers: {}, text: '', elapsedMs: 1 }) };
    const online = createDiagnostics(doctorContext('port: 8317\n', { client }), [proxyOnly, clientOnly]);
    const [inside, outside] = await online.list();
    expect(inside.summary).toContain('open the Troubleshooting page (http://127.0.0.1:8317/ui)');
    expect(outside.summary).toBe('reached');
  });

  it('a fix is offered only where it can apply; a failing fix says why and the check is run again', async () => {
    let state: 'fail' | 'pass' = 'fail';
    const definition: CheckDefinition = {
      ...base,
      id: 'fixable',
      needs: 'files',
      run: async () => ({ status: state, summary: state }),
      fix: { id: 'do-it', label: 'Do it', needs: 'proxy', apply: async () => ((state = 'pass'), { ok: true, message: 'done' }) },
    };
    expect((await createDiagnostics(doctorContext('port: 8317\n'), [definition]).run('fixable'))!.fix).toBeUndefined();
    const inside = createDiagnostics(proxyContext('port: 8317\n').context, [definition]);
    expect((await inside.run('fixable'))!.fix).toEqual({ id: 'do-it', label: 'Do it' });
    expect(await inside.fix('fixable')).toMatchObject({ ok: true, message: 'done', check: { status: 'pass' } });

    const failing = createDiagnostics(proxyContext('port: 8317\n').context, [{ ...definition, run: async () => ({ status: 'fail', summary: 'still' }), fix: { ...definition.fix!, apply: async () => { throw new Error('EPERM'); } } }]);
    expect(await failing.fix('fixable')).toMatchObject({ ok: false, message: 'The fix failed: EPERM', check: { status: 'fail' } });
  });
});

describe('canary stream reading', () => {
  const chunk = (content: string, finish: string | null = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;

  it('a complete stream: text, finish_reason, then [DONE] last', () => {
    expect(readChatStream(`${chunk('o')}${chunk('k', 'stop')}data: [DONE]\n\n`)).toEqual({ events: 3, done: true, finishReason: 'stop', error: null, text: 'ok' });
  });

  it('a truncated stream: no finish_reason, or no [DONE] as the last event, or an in-band error', () => {
    expect(readChatStream(`${chunk('o')}data: [DONE]\n\n`)).toMatchObject({ done: true, finishReason: null });
    expect(readChatStream(`${chunk('o', 'stop')}`)).toMatchObject({ done: false, finishReason: 'stop' });
    expect(readChatStream(`${chunk('o')}data: {"error":{"message":"The upstream closed the stream"}}\n\ndata: [DONE]\n\n`)).toMatchObject({ error: 'The upstream closed the stream' });
  });
});
