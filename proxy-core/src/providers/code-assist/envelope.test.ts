import { describe, expect, it } from 'vitest';
import { prepareCodeAssistRequest, unwrapCodeAssistPayload } from './envelope.js';

const user = { role: 'user', parts: [{ text: 'hi' }] };

describe('Code Assist request inside the envelope', () => {
  it('leaves a body that needs nothing unchanged (same keys, same values)', () => {
    const body = { contents: [user], generationConfig: { temperature: 0.2, thinkingConfig: { thinkingBudget: 512, includeThoughts: true } }, tools: [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object' } }] }], safetySettings: [] };
    expect(prepareCodeAssistRequest(body)).toEqual(body);
  });

  it.each([
    [{ include_thoughts: true }, { includeThoughts: true }],
    [{ includeThoughts: false, include_thoughts: true }, { includeThoughts: false }],
    [{ include_thoughts: 'yes' }, {}],
    [{ thinkingBudget: 0, includeThoughts: true }, { thinkingBudget: 0 }],
    [{ thinkingBudget: 0, include_thoughts: false }, { thinkingBudget: 0, includeThoughts: false }],
    [{ thinkingBudget: 0, thinkingLevel: 'LOW', include_thoughts: true }, { thinkingBudget: 0, thinkingLevel: 'LOW', includeThoughts: true }],
  ])('thinking config %j → %j (one camelCase includeThoughts, never on next to thinking that is off)', (input, output) => {
    expect(prepareCodeAssistRequest({ contents: [user], generationConfig: { thinkingConfig: input } }).generationConfig).toEqual({ thinkingConfig: output });
    expect(prepareCodeAssistRequest({ contents: [user], generation_config: { thinking_config: input } }).generation_config).toEqual({ thinking_config: output });
  });

  it('removes defer_loading / deferLoading from every tool block, at any depth', () => {
    const request = prepareCodeAssistRequest({
      contents: [user],
      tools: [{ googleSearch: { defer_loading: true } }, { google_search: { deferLoading: false, nested: { defer_loading: 1 } } }, { functionDeclarations: [{ name: 'f', deferLoading: true }] }],
    });
    expect(request.tools).toEqual([{ googleSearch: {} }, { google_search: { nested: {} } }, { functionDeclarations: [{ name: 'f' }] }]);
  });

  it('renames system_instruction, drops a body model, and gives contents without a valid role one (alternating from user)', () => {
    const request = prepareCodeAssistRequest({
      model: 'gemini-2.5-pro',
      system_instruction: { parts: [{ text: 'sys' }] },
      contents: [{ parts: [{ text: 'a' }] }, { parts: [{ text: 'b' }] }, { role: 'function', parts: [{ functionResponse: {} }] }, { role: 'model', parts: [{ text: 'c' }] }],
    });
    expect(request).toEqual({
      systemInstruction: { parts: [{ text: 'sys' }] },
      contents: [
        { role: 'user', parts: [{ text: 'a' }] },
        { role: 'model', parts: [{ text: 'b' }] },
        { role: 'user', parts: [{ functionResponse: {} }] },
        { role: 'model', parts: [{ text: 'c' }] },
      ],
    });
  });

  it('unwraps {response} (with traceId beside it) and leaves errors and countTokens answers alone', () => {
    expect(unwrapCodeAssistPayload({ response: { candidates: [] }, traceId: 'abc' })).toEqual({ candidates: [] });
    expect(unwrapCodeAssistPayload({ error: { code: 429 } })).toEqual({ error: { code: 429 } });
    expect(unwrapCodeAssistPayload({ totalTokens: 3 })).toEqual({ totalTokens: 3 });
  });
});
