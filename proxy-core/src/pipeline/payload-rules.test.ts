import { describe, expect, it } from 'vitest';
import { applyPayloadRules, matchGlob, NO_PAYLOAD_RULES, payloadProtocol, splitPath, type PayloadRules } from './payload-rules.js';

const context = { model: 'gemini-2.5-pro', requestedModel: 'pro(high)', protocol: 'gemini', fromProtocol: 'openai', headers: {} };
const run = (rules: Partial<PayloadRules>, body: unknown) =>
  JSON.parse(applyPayloadRules({ ...NO_PAYLOAD_RULES, ...rules }, Buffer.from(JSON.stringify(body)), context).toString()) as unknown;

describe('payload rules', () => {
  it('matches `*` anywhere and nothing else', () => {
    expect(matchGlob('gemini-*-pro', 'gemini-2.5-pro')).toBe(true);
    expect(matchGlob('*-5', 'gpt-5')).toBe(true);
    expect(matchGlob('gpt-5.?', 'gpt-5.1')).toBe(false);
    expect(matchGlob('', 'gpt-5')).toBe(false);
  });

  it('splits dotted paths with escaped dots', () => {
    expect(splitPath('a.b\\.c.0')).toEqual(['a', 'b.c', '0']);
  });

  it('creates nested objects and arrays, appends with -1, deletes array items', () => {
    const rules = { override: [{ models: [{ name: 'gemini-*' }], params: { 'generationConfig.thinkingConfig.thinkingBudget': 0, 'tools.-1': { x: 1 } } }], filter: [{ models: [{ name: '*' }], params: ['contents.0'] }] };
    expect(run(rules, { contents: [{ a: 1 }, { b: 2 }], tools: [] })).toEqual({ contents: [{ b: 2 }], tools: [{ x: 1 }], generationConfig: { thinkingConfig: { thinkingBudget: 0 } } });
  });

  it('matches the model asked for without its thinking suffix', () => {
    expect(run({ override: [{ models: [{ name: 'pro' }], params: { n: 1 } }] }, {})).toEqual({ n: 1 });
  });

  it('returns the same buffer when nothing matched', () => {
    const body = Buffer.from('{"a":1}');
    expect(applyPayloadRules({ ...NO_PAYLOAD_RULES, filter: [{ models: [{ name: 'gpt-*' }], params: ['a'] }] }, body, context)).toBe(body);
  });

  it('names upstream protocols as the reference does', () => {
    expect(payloadProtocol({ id: 'codex', format: 'openai-responses' })).toBe('codex');
    expect(payloadProtocol({ id: 'vertex', format: 'gemini' })).toBe('gemini');
    expect(payloadProtocol({ id: 'claude', format: 'claude-messages' })).toBe('claude');
    expect(payloadProtocol({ id: 'openai-compatible', format: 'openai-chat' })).toBe('openai');
  });
});
