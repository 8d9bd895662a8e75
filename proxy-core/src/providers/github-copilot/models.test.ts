import { describe, expect, it } from 'vitest';
import { copilotWireId, stableCopilotId } from './models.js';

describe('Copilot model ids', () => {
  it('/v1/models shows stable ids: Claude versions with a dash, everything lower-case', () => {
    expect(['claude-sonnet-4.5', 'claude-opus-4.1', 'Claude-Haiku-4.5', 'claude-sonnet-4', 'gpt-4.1', 'gpt-5.1-codex', 'gemini-2.5-pro'].map(stableCopilotId)).toEqual([
      'claude-sonnet-4-5',
      'claude-opus-4-1',
      'claude-haiku-4-5',
      'claude-sonnet-4',
      'gpt-4.1',
      'gpt-5.1-codex',
      'gemini-2.5-pro',
    ]);
  });

  it('requests go out with Copilot’s spelling, the inverse for every stable id', () => {
    expect(['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-sonnet-4', 'claude-opus-4-5-thinking', 'gpt-4.1', 'gpt-5-mini'].map(copilotWireId)).toEqual([
      'claude-sonnet-4.5',
      'claude-opus-4.1',
      'claude-sonnet-4',
      'claude-opus-4.5-thinking',
      'gpt-4.1',
      'gpt-5-mini',
    ]);
    for (const id of ['claude-sonnet-4.5', 'claude-opus-4.6', 'gpt-5-mini']) expect(copilotWireId(stableCopilotId(id))).toBe(id);
  });
});
