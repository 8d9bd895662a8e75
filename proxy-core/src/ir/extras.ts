/** Wire-format identifiers. Provider envelopes (Gemini CLI, Codex) wrap one of these. */
export type FormatId = 'openai-chat' | 'openai-responses' | 'claude-messages' | 'gemini';

export const FORMAT_IDS: readonly FormatId[] = ['openai-chat', 'openai-responses', 'claude-messages', 'gemini'];

/**
 * Fields the IR has no place for, keyed by the format that produced them. An encoder reads only its own
 * namespace; other namespaces are dropped on a cross-format trip (and a warning is recorded).
 */
export type FormatExtras = Partial<Record<FormatId, Record<string, unknown>>>;
