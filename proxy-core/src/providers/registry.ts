import { antigravityProvider } from './antigravity/index.js';
import { claudeProvider } from './claude/index.js';
import { codexProvider } from './codex/index.js';
import { githubCopilotProvider } from './github-copilot/index.js';
import { geminiCliProvider } from './gemini-cli/index.js';
import { geminiProvider } from './gemini/index.js';
import { kiroProvider } from './kiro/index.js';
import { openAiCompatibleProvider, openAiCompatibleResponsesProvider } from './openai-compatible/index.js';
import { vertexProvider } from './vertex/index.js';
import { xaiProvider } from './xai/index.js';
import type { ProviderDefinition } from './provider-definition.js';
import { qwenProvider } from './qwen/index.js';
import { kimiProvider } from './kimi/index.js';
import { iflowProvider } from './iflow/index.js';
import { aistudioProvider } from './aistudio/index.js';

/** Every provider the proxy knows, by id. An explicit list: no import side effects. */
export function createProviderRegistry(extra: readonly ProviderDefinition[] = []): ReadonlyMap<string, ProviderDefinition> {
  const providers = [claudeProvider, geminiProvider, codexProvider, openAiCompatibleProvider, geminiCliProvider, antigravityProvider, githubCopilotProvider, kiroProvider, qwenProvider, kimiProvider, iflowProvider, xaiProvider, vertexProvider, aistudioProvider, openAiCompatibleResponsesProvider, ...extra];
  return new Map(providers.map((provider) => [provider.id, provider]));
}
