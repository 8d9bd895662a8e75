/** The OpenAI Responses wire format (`/v1/responses`; also Codex's upstream dialect). */
import type { WireFormat } from '../wire-format.js';
import { decodeRequest } from './decode-request.js';
import { decodeResponse } from './decode-response.js';
import { createStreamDecoder } from './decode-stream.js';
import { encodeError, encodeStreamError } from './encode-error.js';
import { encodeRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { createStreamEncoder } from './encode-stream.js';

export const openAiResponsesFormat: WireFormat = {
  id: 'openai-responses',
  decodeRequest,
  encodeRequest,
  decodeResponse,
  encodeResponse,
  createStreamDecoder,
  createStreamEncoder,
  encodeError,
  encodeStreamError: (error) => encodeStreamError(error),
};

export { createUsageSniffer, usageFromBody } from './sniff-usage.js';
