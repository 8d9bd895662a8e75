import type { ReasoningSignature } from './content-part.js';
import type { FinishReason } from './finish-reason.js';
import type { Usage } from './usage.js';

/**
 * Stream parts, modelled on explicit lifecycles: every `*-start` has an `*-end` with the same id, and
 * `finish` is the last part of a successful stream. `candidate` is set only when more than one
 * candidate is streamed.
 */
export type StreamPart =
  | { type: 'stream-start'; id?: string; model?: string; created?: number }
  | { type: 'text-start'; id: string; candidate?: number }
  | { type: 'text-delta'; id: string; delta: string; candidate?: number }
  | { type: 'text-end'; id: string; candidate?: number }
  | { type: 'reasoning-start'; id: string; candidate?: number }
  | { type: 'reasoning-delta'; id: string; delta: string; candidate?: number }
  | { type: 'reasoning-end'; id: string; signature?: ReasoningSignature; redactedData?: string; candidate?: number }
  | { type: 'tool-input-start'; id: string; name: string; kind?: 'function' | 'custom'; candidate?: number }
  | { type: 'tool-input-delta'; id: string; delta: string; candidate?: number }
  | { type: 'tool-input-end'; id: string; candidate?: number }
  /** The complete call; always follows its `tool-input-end` (or stands alone when the upstream sends whole calls). */
  | {
      type: 'tool-call';
      id: string;
      name: string;
      arguments: string;
      kind?: 'function' | 'custom';
      signature?: ReasoningSignature;
      candidate?: number;
    }
  | { type: 'generated-image'; mediaType: string; data: string; candidate?: number }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; finishReason: FinishReason; usage?: Usage; candidate?: number }
  /** An error after the stream started: encoders render it in-band in their own error shape. */
  | { type: 'error'; status: number; message: string; code?: string };

export type StreamPartType = StreamPart['type'];
