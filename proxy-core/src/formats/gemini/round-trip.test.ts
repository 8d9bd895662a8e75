import { describe, expect, it } from 'vitest';
import { loadJson } from './__fixtures__/helpers.js';
import { geminiFormat } from './index.js';

const roundTrip = (body: unknown) => geminiFormat.encodeRequest(geminiFormat.decodeRequest(body), { model: 'gemini-2.5-pro', stream: true });

describe('Gemini request decode ∘ encode', () => {
  it.each(['request-round-trip.json', 'request-gemini-cli.json', 'request-classifier.json'])('%s comes back unchanged', (name) => {
    const original = loadJson(name);
    expect(roundTrip(original)).toEqual(original);
  });

  it('never changes the IR it encodes (encoding twice gives the same body)', () => {
    const request = geminiFormat.decodeRequest({
      contents: [
        { role: 'user', parts: [{ text: 'run it' }] },
        { role: 'model', parts: [{ executableCode: { language: 'PYTHON', code: 'print(1)' }, thoughtSignature: 'sig-code' }, { functionCall: { name: 'f', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'f', response: { output: 'ok' } } }] },
      ],
    });
    const snapshot = structuredClone(request);
    const first = geminiFormat.encodeRequest(request, { model: 'm', stream: false });
    expect(request).toEqual(snapshot);
    expect(geminiFormat.encodeRequest(request, { model: 'm', stream: false })).toEqual(first);
    expect((first.contents as any[])[1].parts[0]).toEqual({ executableCode: { language: 'PYTHON', code: 'print(1)' }, thoughtSignature: 'sig-code' });
  });

  it('keeps unknown fields at every level through extras', () => {
    const original = {
      contents: [
        { role: 'user', parts: [{ text: 'hi', partMetadata: { a: 1 } }, { inlineData: { mimeType: 'image/png', data: 'AA', displayName: 'cat.png' } }], turnTag: 'x' },
      ],
      generationConfig: { maxOutputTokens: 10, speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } }, thinkingConfig: { thinkingBudget: 0 } },
      toolConfig: { functionCallingConfig: { mode: 'VALIDATED' }, retrievalConfig: { languageCode: 'en' } },
      tools: [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object', properties: {} } }] }],
      continuationToken: 'tok',
    };
    expect(roundTrip(original)).toEqual(original);
  });

  it('sends a Gemini client OpenAPI responseSchema back as it came', () => {
    const original = {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING' } } } },
    };
    expect(roundTrip(original)).toEqual(original);
  });
});
