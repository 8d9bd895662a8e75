/** `/v1/messages/count_tokens`: the request as an `IrRequest` (so any upstream can count) and the answer's shape. */
import type { IrRequest } from '../../ir/index.js';
import { decodeRequest } from './decode-request.js';

/**
 * A `/v1/messages/count_tokens` body (`model`, `system`, `messages`, `tools`, and optionally `tool_choice`,
 * `thinking`) → `IrRequest`, so any upstream that can count tokens can answer it.
 */
export function decodeCountTokensRequest(body: unknown): IrRequest {
  return { ...decodeRequest(body), stream: false };
}

/** The `/v1/messages/count_tokens` answer. */
export function encodeCountTokensResponse(inputTokens: number): { input_tokens: number } {
  return { input_tokens: inputTokens };
}
