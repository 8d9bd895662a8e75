/**
 * Content parts of the canonical request/response. Every wire format decodes into these and encodes from
 * them. Fields a format cannot express in the IR travel in `extras`, namespaced by format id, so a
 * same-vendor round trip keeps them.
 */
import type { FormatExtras } from './extras.js';

export interface CacheControl {
  type: 'ephemeral';
  ttl?: string;
}

export interface TextPart {
  type: 'text';
  text: string;
  cacheControl?: CacheControl;
  extras?: FormatExtras;
}

export type MediaSource =
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'url'; url: string; mediaType?: string }
  | { kind: 'file-id'; fileId: string; mediaType?: string };

export interface ImagePart {
  type: 'image';
  source: MediaSource;
  /** OpenAI's `detail` hint (`low`/`high`/`auto`). */
  detail?: string;
  cacheControl?: CacheControl;
  extras?: FormatExtras;
}

export interface FilePart {
  type: 'file';
  source: MediaSource;
  filename?: string;
  title?: string;
  cacheControl?: CacheControl;
  extras?: FormatExtras;
}

/** Opaque proof a vendor attaches to reasoning so it can be replayed. Never fabricated. */
export interface ReasoningSignature {
  /** Which vendor family produced it: only the same family can verify it. */
  family: 'claude' | 'gemini' | 'openai';
  value: string;
}

export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: ReasoningSignature;
  /** Claude `redacted_thinking.data` / OpenAI `encrypted_content` with no visible text. */
  redactedData?: string;
  /** The Responses reasoning item id, kept for round trips. */
  itemId?: string;
  extras?: FormatExtras;
}

export interface ToolCallPart {
  type: 'tool-call';
  /** Stable call id the matching tool result refers to. */
  id: string;
  name: string;
  /** Arguments as JSON text, exactly as the model produced them (may be `{}`). */
  arguments: string;
  /** `function` tools take JSON arguments; `custom` tools (Responses) take free text in `arguments`. */
  kind?: 'function' | 'custom';
  /** Gemini `thoughtSignature` attached to the call part. */
  signature?: ReasoningSignature;
  /** Responses item id (`fc_…`) when the client sent one. */
  itemId?: string;
  extras?: FormatExtras;
}

export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  /** Name of the tool that was called; Gemini needs it, Claude/OpenAI do not send it. */
  toolName?: string;
  content: Array<TextPart | ImagePart | FilePart>;
  isError?: boolean;
  cacheControl?: CacheControl;
  extras?: FormatExtras;
}

/** Image output (e.g. Gemini image models). */
export interface GeneratedImagePart {
  type: 'generated-image';
  mediaType: string;
  data: string;
}

export type UserContentPart = TextPart | ImagePart | FilePart;
export type AssistantContentPart = TextPart | ReasoningPart | ToolCallPart | GeneratedImagePart;
