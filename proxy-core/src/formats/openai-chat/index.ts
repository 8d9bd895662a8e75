/** The OpenAI Chat Completions wire format (`/v1/chat/completions`), plus the legacy `/v1/completions` surface. */
import type { WireFormat } from '../wire-format.js';
import { decodeRequest } from './decode-request.js';
import { decodeResponse } from './decode-response.js';
import { createStreamDecoder } from './decode-stream.js';
import { encodeError, encodeStreamError } from './encode-error.js';
import { encodeRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { createStreamEncoder } from './encode-stream.js';
import { createCompletionsStreamEncoder, decodeCompletionsRequest, encodeCompletionsResponse } from './legacy-completions.js';

export const openAiChatFormat: WireFormat = {
  id: 'openai-chat',
  decodeRequest,
  encodeRequest,
  decodeResponse,
  encodeResponse,
  createStreamDecoder,
  createStreamEncoder,
  encodeError,
  encodeStreamError,
};

/** `/v1/completions` clients: decoded into the IR (as a Chat-sourced request), answered as `text_completion`. */
export const legacyCompletions = {
  decodeCompletionsRequest,
  encodeCompletionsResponse,
  createCompletionsStreamEncoder,
};

export { createUsageSniffer, usageFromBody } from './sniff-usage.js';
