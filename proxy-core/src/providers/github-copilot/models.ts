import type { ModelInfo } from '../provider-definition.js';

/**
 * Copilot spells Claude versions with a dot (`claude-sonnet-4.5`) where Anthropic and this proxy use a dash
 * (`claude-sonnet-4-5`), and its `/models` ids change case and spelling between releases (the troubleshooting
 * matrix's CPB-0810 "model id drift"). `/v1/models` shows the stable spelling; requests are sent with Copilot's.
 */
export function stableCopilotId(copilotId: string): string {
  const id = copilotId.trim().toLowerCase();
  return id.startsWith('claude-') ? id.replace(/(\d)\.(\d)/g, '$1-$2') : id;
}

/** The id Copilot expects for a stable name (the inverse of `stableCopilotId` for Claude versions). */
export function copilotWireId(model: string): string {
  const id = model.trim().toLowerCase();
  return id.startsWith('claude-') ? id.replace(/-(\d)-(\d)(?=$|-)/g, '-$1.$2') : id;
}

/**
 * Served until the live list answers ([PLUS] internal/registry/model_definitions.go GitHub Copilot rows), stable ids.
 * The Codex models are served on `/responses` (see responses-request.ts).
 */
export const COPILOT_MODELS: readonly ModelInfo[] = [
  { id: 'gpt-4.1', displayName: 'GPT-4.1 (Copilot)', contextLength: 128_000 },
  { id: 'gpt-5', displayName: 'GPT-5 (Copilot)', contextLength: 128_000 },
  { id: 'gpt-5-mini', displayName: 'GPT-5 mini (Copilot)', contextLength: 128_000 },
  { id: 'gpt-5.1', displayName: 'GPT-5.1 (Copilot)', contextLength: 128_000 },
  { id: 'gpt-5-codex', displayName: 'GPT-5 Codex (Copilot)', contextLength: 128_000 },
  { id: 'gpt-5.1-codex', displayName: 'GPT-5.1 Codex (Copilot)', contextLength: 128_000 },
  { id: 'gpt-5.1-codex-mini', displayName: 'GPT-5.1 Codex mini (Copilot)', contextLength: 128_000 },
  { id: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5 (Copilot)', contextLength: 128_000 },
  { id: 'claude-sonnet-4', displayName: 'Claude Sonnet 4 (Copilot)', contextLength: 128_000 },
  { id: 'claude-sonnet-4-5', displayName: 'Claude Sonnet 4.5 (Copilot)', contextLength: 128_000 },
  { id: 'claude-opus-4-5', displayName: 'Claude Opus 4.5 (Copilot)', contextLength: 128_000 },
  { id: 'gemini-2.5-pro', displayName: 'Gemini 2.5 Pro (Copilot)', contextLength: 128_000 },
  { id: 'grok-code-fast-1', displayName: 'Grok Code Fast 1 (Copilot)', contextLength: 128_000 },
];
