/**
 * Gemini `thoughtSignature`s (inventory §4.8). Signatures are opaque; the only value we ever write on our
 * own is Google's documented bypass sentinel, and only on the first `functionCall` of a model turn.
 */
import type { ReasoningSignature } from '../../ir/index.js';

/** Google's documented value that tells Gemini to skip signature validation for a replayed call. */
export const BYPASS_SIGNATURE = 'skip_thought_signature_validator';

const SENTINELS = new Set([BYPASS_SIGNATURE, 'context_engineering_is_the_way_to_go']);

const PREFIX_FAMILIES: Record<string, ReasoningSignature['family']> = {
  gemini: 'gemini',
  google: 'gemini',
  claude: 'claude',
  anthropic: 'claude',
  openai: 'openai',
  gpt: 'openai',
  codex: 'openai',
};

export function isSentinel(value: string): boolean {
  return SENTINELS.has(value);
}

/**
 * A `thoughtSignature` as the IR sees it. A sentinel is not a signature (it proves nothing), so it is
 * reported separately for the caller to keep in extras. An optional `<vendor>#` prefix names the family.
 */
export function decodeSignature(raw: unknown): { signature?: ReasoningSignature; sentinel?: string } {
  if (typeof raw !== 'string' || raw === '') return {};
  if (isSentinel(raw)) return { sentinel: raw };
  const hash = raw.indexOf('#');
  if (hash > 0) {
    const family = PREFIX_FAMILIES[raw.slice(0, hash).toLowerCase()];
    if (family !== undefined) {
      const value = raw.slice(hash + 1);
      if (value === '') return {};
      return isSentinel(value) ? { sentinel: value } : { signature: { family, value } };
    }
  }
  return { signature: { family: 'gemini', value: raw } };
}

/** The value to send to Gemini, or `undefined` for a missing or foreign-family signature. */
export function geminiSignature(signature: ReasoningSignature | undefined): string | undefined {
  return signature?.family === 'gemini' && signature.value !== '' ? signature.value : undefined;
}
