/**
 * `IrRequest` → a Gemini `GenerateContentRequest` body. The model and streaming live in the URL (the
 * provider builds it from `options`), so neither is in the body. Envelopes (Gemini CLI / Antigravity
 * `{model, project, request}`) are the provider's business; `request.envelope.project` is there for it.
 */
import type { IrRequest, JsonSchema } from '../../ir/index.js';
import type { EncodeRequestOptions } from '../wire-format.js';
import { encodeGenerationConfig } from './encode-config.js';
import { encodeContents, systemTexts } from './encode-contents.js';
import { cleanSchemaForGemini } from './clean-schema.js';
import { encodeTools } from './encode-tools.js';
import { toolNamesIn } from '../shared/tool-name-rules.js';
import { createFunctionNameMap, sanitizeFunctionName } from './function-names.js';
import { isRecord, mergeExtras, omitKeys, ownExtras } from './gemini-extras.js';

/**
 * The reference's defaults for requests from other formats (inventory §2.0): Gemini's own blocking
 * thresholds are stricter than what Claude and OpenAI clients expect.
 */
export const DEFAULT_SAFETY_SETTINGS: ReadonlyArray<Record<string, string>> = [
  { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'OFF' },
  { category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'OFF' },
  { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', threshold: 'OFF' },
  { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'OFF' },
  { category: 'HARM_CATEGORY_CIVIC_INTEGRITY', threshold: 'BLOCK_NONE' },
];

/** Every function name the request uses, so declarations, calls, results and tool choice agree. */
export function encodeRequest(
  request: IrRequest,
  _options: EncodeRequestOptions,
  cleanSchema: (schema: JsonSchema) => JsonSchema = cleanSchemaForGemini,
): Record<string, unknown> {
  const names = createFunctionNameMap(toolNamesIn(request));
  const nameOf = (name: string) => names.get(name) ?? sanitizeFunctionName(name);
  const own = ownExtras(request.extras);

  const body: Record<string, unknown> = { contents: encodeContents(request, { nameOf }) };

  const system = systemTexts(request.system).map((part) => mergeExtras({ text: part.text }, ownExtras(part.extras)));
  if (system.length > 0) body.systemInstruction = mergeExtras({ parts: system }, isRecord(own.systemInstruction) ? own.systemInstruction : undefined);

  const generationConfig = encodeGenerationConfig(request, isRecord(own.generationConfig) ? own.generationConfig : undefined);
  if (generationConfig) body.generationConfig = generationConfig;

  const { tools, toolConfig } = encodeTools(request, nameOf, cleanSchema);
  if (tools) body.tools = tools;
  if (toolConfig) body.toolConfig = toolConfig;

  const rest = omitKeys(own, ['systemInstruction', 'generationConfig', 'toolConfig']);
  const hasSafety = rest.safetySettings !== undefined || rest.safety_settings !== undefined;
  if (request.source !== 'gemini' && !hasSafety) body.safetySettings = DEFAULT_SAFETY_SETTINGS.map((setting) => ({ ...setting }));
  return mergeExtras(body, rest);
}
