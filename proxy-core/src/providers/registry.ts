import { antigravityProvider } from './antigravity/index.js';
import { claudeProvider } from './claude/index.js';
import { codexProvider } from './codex/index.js';
import { geminiCliProvider } from './gemini-cli/index.js';
import { geminiProvider } from './gemini/index.js';
import { kiroProvider } from './kiro/index.js';
import { openAiCompatibleProvider } from './openai-compatible/index.js';
import type { ProviderDefinition } from './provider-definition.js';

/** Every provider the proxy knows, by id. An explicit list: no import side effects. */
export function createProviderRegistry(extra: readonly ProviderDefinition[] = []): ReadonlyMap<string, ProviderDefinition> {
  const providers = [claudeProvider, geminiProvider, codexProvider, openAiCompatibleProvider, geminiCliProvider, antigravityProvider, kiroProvider, ...extra];
  return new Map(providers.map((provider) => [provider.id, provider]));
}
