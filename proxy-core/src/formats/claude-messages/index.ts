/** The Anthropic Messages wire format (`/v1/messages`, `/v1/messages/count_tokens`). */
import type { WireFormat } from '../wire-format.js';
import { decodeRequest } from './decode-request.js';
import { decodeResponse } from './decode-response.js';
import { createStreamDecoder } from './decode-stream.js';
import { encodeError, encodeStreamError } from './encode-error.js';
import { encodeRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { createStreamEncoder } from './encode-stream.js';

export const claudeMessagesFormat: WireFormat = {
  id: 'claude-messages',
  decodeRequest,
  encodeRequest,
  decodeResponse,
  encodeResponse,
  createStreamDecoder,
  createStreamEncoder,
  encodeError,
  encodeStreamError,
};

export { decodeCountTokensRequest, encodeCountTokensResponse } from './count-tokens.js';
export { DEFAULT_MAX_TOKENS, encodeRequestWithWarnings, type EncodedRequest } from './encode-request.js';
export { createUsageSniffer, usageFromBody } from './sniff-usage.js';
