/**
 * Reasoning proofs in a Responses `encrypted_content`. OpenAI's own value (a Fernet token) travels as is.
 * A proof from another vendor is tagged `<family>#<value>` — the convention the Claude and Gemini codecs
 * use for foreign signatures — and Claude's redacted thinking as `claude-redacted#<data>`, so when a
 * Responses client sends the item back the next request can hand each proof to the vendor that can verify
 * it. Base64 and Fernet never contain `#`, so the tag is unambiguous.
 */
import type { ReasoningSignature } from '../../ir/index.js';

const REDACTED_TAG = 'claude-redacted';
const FAMILIES: Record<string, ReasoningSignature['family']> = { claude: 'claude', gemini: 'gemini', openai: 'openai' };

export interface ReasoningProof {
  signature?: ReasoningSignature;
  redactedData?: string;
}

export function decodeEncryptedContent(value: string | null | undefined): ReasoningProof {
  if (!value) return {};
  const hash = value.indexOf('#');
  if (hash > 0 && hash <= 16 && hash < value.length - 1) {
    const tag = value.slice(0, hash);
    const rest = value.slice(hash + 1);
    if (tag === REDACTED_TAG) return { redactedData: rest };
    const family = FAMILIES[tag];
    if (family) return { signature: { family, value: rest } };
  }
  return { signature: { family: 'openai', value } };
}

/** The `encrypted_content` a Responses client receives, or `undefined` when there is no proof. */
export function encodeEncryptedContent(proof: ReasoningProof): string | undefined {
  if (proof.signature) return proof.signature.family === 'openai' ? proof.signature.value : `${proof.signature.family}#${proof.signature.value}`;
  if (proof.redactedData !== undefined) return `${REDACTED_TAG}#${proof.redactedData}`;
  return undefined;
}

/** The value an OpenAI upstream can verify: only its own. */
export function upstreamEncryptedContent(signature: ReasoningSignature | undefined): string | undefined {
  return signature?.family === 'openai' && signature.value !== '' ? signature.value : undefined;
}
