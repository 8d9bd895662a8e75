/**
 * Gemini thought signatures on Chat tool calls. Google's OpenAI-compatible endpoint carries them at
 * `tool_calls[].extra_content.google.thought_signature`; the reference also accepts a few other spellings
 * and an optional `<vendor>#` prefix (inventory §2.3, §4.8). The bypass sentinels are not signatures.
 */
import type { ReasoningSignature } from '../../ir/index.js';
import { isRecord, omitKeys } from './chat-extras.js';

const BYPASS_SENTINELS = new Set(['skip_thought_signature_validator', 'context_engineering_is_the_way_to_go']);

const PREFIX_FAMILIES: Record<string, ReasoningSignature['family']> = {
  gemini: 'gemini',
  google: 'gemini',
  claude: 'claude',
  anthropic: 'claude',
  openai: 'openai',
  gpt: 'openai',
  codex: 'openai',
};

function googleSignature(extraContent: unknown): unknown {
  return isRecord(extraContent) && isRecord(extraContent.google) ? extraContent.google.thought_signature : undefined;
}

/** The signature a client attached to a tool call, if any. */
export function decodeToolCallSignature(call: Record<string, unknown>): ReasoningSignature | undefined {
  const fn = isRecord(call.function) ? call.function : {};
  const candidates = [googleSignature(call.extra_content), googleSignature(fn.extra_content), call.thoughtSignature, call.thought_signature];
  const raw = candidates.find((value): value is string => typeof value === 'string' && value !== '');
  if (raw === undefined || BYPASS_SENTINELS.has(raw)) return undefined;
  const hash = raw.indexOf('#');
  if (hash > 0) {
    const family = PREFIX_FAMILIES[raw.slice(0, hash).toLowerCase()];
    if (family !== undefined) {
      const value = raw.slice(hash + 1);
      return value === '' || BYPASS_SENTINELS.has(value) ? undefined : { family, value };
    }
  }
  return { family: 'gemini', value: raw };
}

/** `extra_content` without the signature (which lives in the IR); `undefined` when nothing else is left. */
export function extraContentWithoutSignature(extraContent: unknown): Record<string, unknown> | undefined {
  if (!isRecord(extraContent)) return undefined;
  const rest = omitKeys(extraContent, ['google']);
  if (isRecord(extraContent.google)) {
    const google = omitKeys(extraContent.google, ['thought_signature']);
    if (Object.keys(google).length > 0) rest.google = google;
  }
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** `extra_content` for an outgoing tool call: kept fields plus a Gemini signature (other families are dropped). */
export function encodeExtraContent(kept: unknown, signature: ReasoningSignature | undefined): Record<string, unknown> | undefined {
  const base = isRecord(kept) ? { ...kept } : {};
  if (signature?.family === 'gemini') {
    const google = isRecord(base.google) ? base.google : {};
    base.google = { ...google, thought_signature: signature.value };
  }
  return Object.keys(base).length > 0 ? base : undefined;
}
