import { describe, expect, it } from 'vitest';
import type { IrRequest } from '../ir/index.js';
import { stripClientArtifacts } from './strip-client-artifacts.js';

const request: IrRequest = {
  model: 'm',
  source: 'claude-messages',
  stream: false,
  messages: [],
  system: [
    { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.330; cc_entrypoint=sdk-cli;' },
    { type: 'text', text: 'You are Claude Code.' },
  ],
};

describe('stripClientArtifacts', () => {
  it("drops Claude Code's billing header for other upstreams and keeps it for Claude", () => {
    expect(stripClientArtifacts(request, 'gemini').system).toEqual([{ type: 'text', text: 'You are Claude Code.' }]);
    expect(stripClientArtifacts(request, 'claude-messages')).toBe(request);
  });
});
