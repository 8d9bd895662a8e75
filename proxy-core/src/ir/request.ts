import type { FormatExtras, FormatId } from './extras.js';
import type { TextPart } from './content-part.js';
import type { Message } from './message.js';
import type { ReasoningConfig } from './reasoning.js';
import type { JsonSchema, Tool, ToolChoice } from './tool.js';

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json'; schema?: JsonSchema; name?: string; description?: string; strict?: boolean };

/**
 * Values that belong to provider envelopes rather than to a wire format: the Gemini CLI / Antigravity
 * `{model, project, request}` wrapper and Codex's Responses body need them.
 */
export interface EnvelopeHints {
  project?: string;
  /** Responses `instructions` (Codex puts its system prompt here). */
  instructions?: string;
  /** A conversation/session id the client supplied (Claude `metadata.user_id`, Codex `prompt_cache_key`, …). */
  sessionId?: string;
  promptCacheKey?: string;
  /** End-user identifier (`user`, `metadata.user_id`). */
  user?: string;
}

export interface IrRequest {
  /** The model name the client asked for (after routing the upstream name is set by the pipeline). */
  model: string;
  /** Top-level system prompt, in order. */
  system: TextPart[];
  messages: Message[];
  tools?: Tool[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  responseFormat?: ResponseFormat;
  /** `n` / `candidateCount`. */
  candidateCount?: number;
  reasoning?: ReasoningConfig;
  stream: boolean;
  envelope?: EnvelopeHints;
  /** The format the request was decoded from. */
  source: FormatId;
  /** Top-level fields with no IR slot, by source format. */
  extras?: FormatExtras;
}
