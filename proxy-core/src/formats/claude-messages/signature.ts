/**
 * Thinking-block signatures and their vendor family.
 *
 * A Claude client stores whatever arrives in `signature` and sends it back verbatim. When the answer came
 * from another vendor (a Gemini thought signature, a Codex `encrypted_content`), we send it as
 * `<family>#<value>` so the next request can tell it apart from a real Claude signature — the reference's
 * provider-prefix convention (inventory §4.8, `gemini#…`). Base64 never contains `#`, so the prefix is
 * unambiguous. Unprefixed values are Claude's, except Fernet tokens (`gAAAA…`), which are always OpenAI's.
 */
import type { ReasoningSignature } from '../../ir/index.js';

const FAMILY_TAGS: Record<string, ReasoningSignature['family']> = {
  claude: 'claude',
  anthropic: 'claude',
  gemini: 'gemini',
  google: 'gemini',
  openai: 'openai',
  gpt: 'openai',
  codex: 'openai',
};

/** A signature as a Claude client or upstream sent it; empty means none. */
export function decodeSignature(value: string | null | undefined): ReasoningSignature | undefined {
  if (!value) return undefined;
  const hash = value.indexOf('#');
  if (hash > 0 && hash <= 16) {
    const family = FAMILY_TAGS[value.slice(0, hash).toLowerCase()];
    if (family && hash < value.length - 1) return { family, value: value.slice(hash + 1) };
  }
  if (value.startsWith('gAAAA')) return { family: 'openai', value };
  return { family: 'claude', value };
}

/** The `signature` string a Claude client receives (foreign families carry their tag). */
export function encodeSignature(signature: ReasoningSignature): string {
  return signature.family === 'claude' ? signature.value : `${signature.family}#${signature.value}`;
}
