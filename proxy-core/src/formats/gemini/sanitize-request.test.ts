import { describe, expect, it } from 'vitest';
import { passthroughBody, sanitizeGeminiRequest } from './sanitize-request.js';

const contents = [{ role: 'user', parts: [{ text: 'hi' }] }];

describe('the Gemini seed-quirk sanitiser', () => {
  it('keeps one camelCase includeThoughts (camelCase wins) and only true/false', () => {
    const both = sanitizeGeminiRequest({ contents, generationConfig: { thinkingConfig: { include_thoughts: true, includeThoughts: false, thinkingBudget: 1024 } } });
    expect(both.generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 1024, includeThoughts: false } });
    const snake = sanitizeGeminiRequest({ contents, generation_config: { thinking_config: { include_thoughts: true } } });
    expect(snake.generation_config).toEqual({ thinking_config: { includeThoughts: true } });
    const notBoolean = sanitizeGeminiRequest({ contents, generationConfig: { thinkingConfig: { includeThoughts: 'yes', include_thoughts: 1 } } });
    expect(notBoolean.generationConfig).toEqual({ thinkingConfig: {} });
  });

  it('strips defer_loading from tool blocks and function declarations, but not a schema property of that name', () => {
    const parameters = { type: 'object', properties: { defer_loading: { type: 'boolean' } } };
    const body = sanitizeGeminiRequest({
      contents,
      tools: [{ googleSearch: { defer_loading: true } }, { functionDeclarations: [{ name: 'f', deferLoading: true, parametersJsonSchema: parameters }] }],
    });
    expect(body.tools).toEqual([{ googleSearch: {} }, { functionDeclarations: [{ name: 'f', parametersJsonSchema: parameters }] }]);
  });

  it('fixes the generateContentRequest of a countTokens body too', () => {
    const body = sanitizeGeminiRequest({ generateContentRequest: { model: 'models/x', contents, tools: [{ googleSearch: { deferLoading: true } }] } });
    expect(body).toEqual({ generateContentRequest: { model: 'models/x', contents, tools: [{ googleSearch: {} }] } });
  });

  it('returns the very same object and buffer when nothing needs fixing', () => {
    const clean = { contents, generationConfig: { thinkingConfig: { includeThoughts: true, thinkingBudget: 512 } }, tools: [{ googleSearch: {} }] };
    expect(sanitizeGeminiRequest(clean)).toBe(clean);
    const raw = Buffer.from('{ "contents" : [ {"role":"user","parts":[{"text":"what does \\"defer_loading\\" mean? 1.0"}, {"text":"include_thoughts"}]} ] }');
    expect(passthroughBody(raw, JSON.parse(raw.toString()))).toBe(raw);
  });

  it('rewrites a body that carries the keys', () => {
    const body = { contents, generationConfig: { thinkingConfig: { include_thoughts: true, includeThoughts: false } } };
    const raw = Buffer.from(JSON.stringify(body));
    expect(JSON.parse(passthroughBody(raw, body).toString())).toEqual({ contents, generationConfig: { thinkingConfig: { includeThoughts: false } } });
    expect(body.generationConfig.thinkingConfig).toEqual({ include_thoughts: true, includeThoughts: false });
  });
});
