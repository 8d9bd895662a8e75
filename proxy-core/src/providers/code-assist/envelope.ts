/**
 * The Code Assist envelope (`{model, project, request}` up, `{response: …}` down) and what the body inside
 * `request` needs on its way there. The Gemini codec already writes bodies for other dialects the way Code
 * Assist wants them; a Gemini client's own body passes through with only these changes (inventory §2.3
 * "Body envelope", §8 quirks):
 *  - `system_instruction` → `systemInstruction`, and a `model` field is dropped (it lives in the envelope);
 *  - a content without a valid role gets one (user/model alternating from the start);
 *  - the seed quirks every Gemini-dialect upstream gets (`formats/gemini/sanitize-request.ts`): exactly one
 *    camelCase `includeThoughts` (camelCase wins when both spellings came), never `true` next to thinking
 *    that is off (budget 0, no level); `defer_loading` / `deferLoading` removed from every tool block
 *    (Gemini answers 400 to them).
 */
import { sanitizeGeminiRequest } from '../../formats/gemini/index.js';
import { ProxyError } from '../../shared/errors.js';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The upstream body as a JSON object (the pipeline always hands one over; anything else is a bug to report). */
export function parseGeminiBody(body: Buffer): JsonObject {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (isObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new ProxyError('The request body for Code Assist is not a JSON object.', { status: 400, code: 'invalid_json', scope: 'request' });
}

/** The Gemini body as Code Assist wants it inside `request` (see the module comment). Returns a new object. */
export function prepareCodeAssistRequest(body: JsonObject): JsonObject {
  const request: JsonObject = { ...body };
  delete request.model;
  if (request.system_instruction !== undefined) {
    if (request.systemInstruction === undefined) request.systemInstruction = request.system_instruction;
    delete request.system_instruction;
  }
  if (Array.isArray(request.contents)) {
    let previous = '';
    request.contents = request.contents.map((content) => {
      if (!isObject(content)) return content;
      const role = content.role;
      if (role === 'user' || role === 'model') {
        previous = role;
        return content;
      }
      previous = previous === 'user' ? 'model' : 'user';
      return { ...content, role: previous };
    });
  }
  return sanitizeGeminiRequest(request);
}

/**
 * `{response: {...}}` (generate bodies and every stream event, `traceId` beside it) → the plain Gemini
 * payload; anything else (errors, `countTokens`' `{totalTokens}`) is returned as it is.
 */
export function unwrapCodeAssistPayload(payload: unknown): unknown {
  if (isObject(payload) && isObject(payload.response)) return payload.response;
  return payload;
}
