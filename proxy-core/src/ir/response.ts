import type { FormatExtras } from './extras.js';
import type { AssistantContentPart } from './content-part.js';
import type { FinishReason } from './finish-reason.js';
import type { Usage } from './usage.js';

export interface Candidate {
  index: number;
  content: AssistantContentPart[];
  finishReason: FinishReason;
}

/** A complete (non-stream) model answer. */
export interface IrResponse {
  id?: string;
  model: string;
  /** Unix seconds. */
  created?: number;
  candidates: Candidate[];
  usage?: Usage;
  extras?: FormatExtras;
}
