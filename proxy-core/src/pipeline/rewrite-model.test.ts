import { describe, expect, it } from 'vitest';
import { rewriteTopLevelModel } from './rewrite-model.js';

const rewrite = (text: string, model: string) => rewriteTopLevelModel(Buffer.from(text), model).toString();

describe('rewriteTopLevelModel', () => {
  it('replaces only the top-level model value and keeps every other byte', () => {
    const body = '{ "messages": [{"role":"user","content":"use \\"model\\": x","model":"inner"}],\n  "model" :  "alias-1", "stream":true }';
    expect(rewrite(body, 'real-name')).toBe(
      '{ "messages": [{"role":"user","content":"use \\"model\\": x","model":"inner"}],\n  "model" :  "real-name", "stream":true }',
    );
  });

  it('handles model as the first key, unicode and escapes around it', () => {
    expect(rewrite('{"model":"a\\"b","x":"é✓"}', 'c')).toBe('{"model":"c","x":"é✓"}');
  });

  it('leaves bodies without a top-level string model unchanged', () => {
    expect(rewrite('{"x":{"model":"nested"}}', 'c')).toBe('{"x":{"model":"nested"}}');
    expect(rewrite('{"model":null}', 'c')).toBe('{"model":null}');
  });

  it('does not treat a value equal to "model" as a key', () => {
    expect(rewrite('{"kind":"model","model":"m"}', 'z')).toBe('{"kind":"model","model":"z"}');
  });
});
