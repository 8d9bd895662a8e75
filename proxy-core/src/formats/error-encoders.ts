import type { FormatId } from '../ir/index.js';
import type { ProxyError } from '../shared/errors.js';
import * as claude from './claude-messages/encode-error.js';
import * as gemini from './gemini/encode-error.js';
import * as openAiChat from './openai-chat/encode-error.js';
import * as openAiResponses from './openai-responses/encode-error.js';
import type { EncodedError, SseEvent } from './wire-format.js';

export interface ErrorEncoder {
  encodeError(error: ProxyError): EncodedError;
  encodeStreamError(error: ProxyError): SseEvent[];
}

/** Each client format's own error shape (clients parse their vendor's envelope). */
export const ERROR_ENCODERS: Readonly<Record<FormatId, ErrorEncoder>> = {
  'openai-chat': openAiChat,
  'openai-responses': { encodeError: openAiResponses.encodeError, encodeStreamError: (error) => openAiResponses.encodeStreamError(error) },
  'claude-messages': claude,
  gemini,
};
