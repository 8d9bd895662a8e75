import type { ProxyError } from '../../shared/errors.js';
import { openAiErrorObject, encodeError as encodeOpenAiError } from '../openai-chat/encode-error.js';
import type { EncodedError, SseEvent } from '../wire-format.js';

/** The Responses API uses the same error envelope as Chat Completions. */
export function encodeError(error: ProxyError): EncodedError {
  return encodeOpenAiError(error);
}

/** In a Responses stream: `event: error` with `{type:"error", code, message, sequence_number}`. */
export function encodeStreamError(error: ProxyError, sequenceNumber = 0): SseEvent[] {
  const body = openAiErrorObject(error);
  return [
    {
      event: 'error',
      data: JSON.stringify({ type: 'error', code: body.code, message: body.message, param: null, sequence_number: sequenceNumber }),
    },
  ];
}
