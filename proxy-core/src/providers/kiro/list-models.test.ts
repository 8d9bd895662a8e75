import { describe, expect, it } from 'vitest';
import type { Credential } from '../../credentials/credential.js';
import type { OAuthRequest } from '../../login/oauth-http.js';
import { listKiroModels, modelIdFromKiro } from './list-models.js';
import { kiroModelId } from './models.js';

describe('Kiro live model list', () => {
  it('reads every page with the account’s profile ARN and maps ids to ours (and back)', async () => {
    const seen: OAuthRequest[] = [];
    const pages = [
      { models: [{ modelId: 'claude-sonnet-4.5', modelName: 'Claude Sonnet 4.5', tokenLimits: { maxInputTokens: 200000 } }, { modelId: 'auto', modelName: 'Auto' }], nextToken: 'p2' },
      { models: [{ modelId: 'claude-opus-4.6', modelName: 'Claude Opus 4.6' }] },
    ];
    const http = {
      request: async (request: OAuthRequest) => {
        seen.push(request);
        return { status: 200, headers: {}, text: '', json: pages[seen.length - 1] };
      },
    };
    const credential = { id: 'kiro-aws-a.json', account: { file: 'kiro-aws-a.json', endpoints: { api: 'http://fake' } } } as unknown as Credential;
    const account = { tokens: { accessToken: 't' }, label: 'a', identity: 'email:a', attributes: { profileArn: 'arn:aws:codewhisperer:us-east-1:1:profile/P' } };
    const models = await listKiroModels({ credential, token: 't', account, http });
    expect(models).toEqual([
      { id: 'claude-sonnet-4-5', displayName: 'Claude Sonnet 4.5 (Kiro)', contextLength: 200000 },
      { id: 'kiro-auto', displayName: 'Auto (Kiro)' },
      { id: 'claude-opus-4-6', displayName: 'Claude Opus 4.6 (Kiro)' },
    ]);
    expect(seen.map((request) => request.url)).toEqual([
      'http://fake/listAvailableModels?origin=AI_EDITOR&profileArn=arn%3Aaws%3Acodewhisperer%3Aus-east-1%3A1%3Aprofile%2FP',
      'http://fake/listAvailableModels?origin=AI_EDITOR&profileArn=arn%3Aaws%3Acodewhisperer%3Aus-east-1%3A1%3Aprofile%2FP&nextToken=p2',
    ]);
    expect(seen[0]!.headers!.authorization).toBe('Bearer t');
    for (const model of models) expect(modelIdFromKiro(kiroModelId(model.id))).toBe(model.id);
  });
});
