/** The Gemini `generateContent` / `streamGenerateContent` wire format (`/v1beta/models/{model}:…`). */
import type { WireFormat } from '../wire-format.js';
import { decodeRequest } from './decode-request.js';
import { decodeResponse } from './decode-response.js';
import { createStreamDecoder } from './decode-stream.js';
import { encodeError, encodeStreamError } from './encode-error.js';
import { encodeRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { createStreamEncoder } from './encode-stream.js';
import { cleanSchemaForGemini } from './clean-schema.js';
import { createSchemaCache } from './schema-cache.js';

export const geminiFormat: WireFormat = {
  id: 'gemini',
  decodeRequest,
  encodeRequest,
  decodeResponse,
  encodeResponse,
  createStreamDecoder,
  createStreamEncoder,
  encodeError,
  encodeStreamError,
};

/**
 * The Gemini format with its own cache of cleaned tool schemas (clients resend the same tools every turn):
 * one per server, made by the format registry.
 */
export function createGeminiFormat(options: { schemaCacheEntries?: number } = {}): WireFormat {
  const schemas = createSchemaCache({ clean: cleanSchemaForGemini, maxEntries: options.schemaCacheEntries });
  return { ...geminiFormat, encodeRequest: (request, encodeOptions) => encodeRequest(request, encodeOptions, schemas.clean) };
}

export { createSchemaCache, type SchemaCache } from './schema-cache.js';
export { createUsageSniffer, usageFromBody } from './sniff-usage.js';
export { decodeCountTokensRequest, encodeCountTokensResponse } from './count-tokens.js';
export { cleanSchemaForGemini } from './clean-schema.js';
export { restoreFunctionName, sanitizeFunctionName } from './function-names.js';
export { normalizeThinkingConfig, passthroughBody, sanitizeGeminiRequest, withoutDeferLoading } from './sanitize-request.js';
