import { describe, expect, it } from 'vitest';
import type { ModelMapping } from '../config/proxy-config.js';
import { createModelMapper } from './model-mapping.js';

const rule = (position: number, from: string, to: string, extra: Partial<ModelMapping> = {}): ModelMapping => ({ position, from, to, regex: false, clientKeys: [], ...extra });

describe('model mappings', () => {
  it('matches an exact id case-insensitively, and nothing else', () => {
    const mapper = createModelMapper([rule(1, 'claude-opus-4-8', 'gpt-5.5')], []);
    expect(mapper.map('Claude-Opus-4-8', 'k')).toEqual({ position: 1, from: 'claude-opus-4-8', to: 'gpt-5.5' });
    expect(mapper.map('claude-opus-4-80', 'k')).toBeUndefined();
  });

  it('globs: * is any run, ? is one character, the rest is literal', () => {
    const mapper = createModelMapper([rule(1, 'claude-*haiku*', 'gpt-5.4-mini'), rule(2, 'gemini-3.?-flash', 'gemini-3-pro')], []);
    expect(mapper.map('claude-haiku-4-5', 'k')?.to).toBe('gpt-5.4-mini');
    expect(mapper.map('claude-3-5-haiku-20241022', 'k')?.to).toBe('gpt-5.4-mini');
    expect(mapper.map('gemini-3.8-flash', 'k')?.to).toBe('gemini-3-pro');
    expect(mapper.map('gemini-3.10-flash', 'k')).toBeUndefined();
    // The dot is literal, not "any character".
    expect(mapper.map('gemini-3x8-flash', 'k')).toBeUndefined();
    expect(createModelMapper([rule(1, 'a.b*', 'x')], []).map('aXb-1', 'k')).toBeUndefined();
  });

  it('regex: searched in the id, case-insensitive', () => {
    const mapper = createModelMapper([rule(1, '^claude-(opus|sonnet)-', 'gpt-5.5', { regex: true })], []);
    expect(mapper.map('claude-sonnet-4-6', 'k')?.to).toBe('gpt-5.5');
    expect(mapper.map('CLAUDE-OPUS-5-5', 'k')?.to).toBe('gpt-5.5');
    expect(mapper.map('claude-haiku-4-5', 'k')).toBeUndefined();
    expect(mapper.map('my-claude-opus-4', 'k')).toBeUndefined();
  });

  it('the first matching rule wins, in file order', () => {
    const mapper = createModelMapper([rule(1, 'claude-*haiku*', 'gpt-5.4-mini'), rule(2, 'claude-*', 'gpt-5.5')], []);
    expect(mapper.map('claude-haiku-4-5', 'k')).toMatchObject({ position: 1, to: 'gpt-5.4-mini' });
    expect(mapper.map('claude-opus-4-8', 'k')).toMatchObject({ position: 2, to: 'gpt-5.5' });
  });

  it('a rule with client-keys applies only to those keys; later rules still apply to the others', () => {
    const mapper = createModelMapper([rule(1, 'claude-*', 'gpt-5.5', { clientKeys: ['sk-team-a'] }), rule(2, 'claude-*', 'gemini-3-pro')], []);
    expect(mapper.map('claude-opus-4-8', 'sk-team-a')).toMatchObject({ position: 1, to: 'gpt-5.5' });
    expect(mapper.map('claude-opus-4-8', 'sk-team-b')).toMatchObject({ position: 2, to: 'gemini-3-pro' });
  });

  it('finds chains by name, case-insensitively', () => {
    const mapper = createModelMapper([], [{ name: 'coder', models: ['a', 'b'] }]);
    expect(mapper.chain('Coder')).toEqual({ name: 'coder', models: ['a', 'b'] });
    expect(mapper.chain('coder-2')).toBeUndefined();
  });
});
