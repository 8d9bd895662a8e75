/**
 * A Gemini `generateContent` body → `IrRequest`. Throws a 400 `ProxyError` naming the field at fault.
 *
 * The model and the stream flag live in the URL (`/models/{model}:streamGenerateContent`), so the IR
 * gets `model` only when the body names one and `stream: false`; the route sets both. A Gemini CLI /
 * Code Assist envelope `{model, project, request: {…}}` is unwrapped and `project` kept in
 * `envelope.project` (inventory §2.6).
 */
import type { EnvelopeHints, IrRequest, TextPart } from '../../ir/index.js';
import { decodeGenerationConfig } from './decode-config.js';
import { decodeContents } from './decode-contents.js';
import { partExtras, readPart } from './decode-parts.js';
import { decodeToolConfig, decodeTools } from './decode-tools.js';
import { collectExtras, isRecord, toExtras, unknownFields } from './gemini-extras.js';
import { camelize, REQUEST_KEYS } from './normalize-keys.js';
import { bodySchema, countTokensSchema, parseAt, requestSchema } from './schema.js';

const MAPPED_KEYS = ['model', 'contents', 'systemInstruction', 'generationConfig', 'tools', 'toolConfig', 'session_id', 'sessionId'];

function stripModelsPrefix(model: unknown): string {
  return typeof model === 'string' ? model.replace(/^models\//, '') : '';
}

/** `systemInstruction`: a Content (`{role?, parts}`), a bare list of parts, or a plain string. */
function decodeSystemInstruction(raw: unknown): { system: TextPart[]; extras?: Record<string, unknown> } {
  if (raw === undefined || raw === null) return { system: [] };
  if (typeof raw === 'string') return { system: raw === '' ? [] : [{ type: 'text', text: raw }] };
  const parts = Array.isArray(raw) ? raw : isRecord(raw) ? (Array.isArray(raw.parts) ? raw.parts : isRecord(raw.parts) ? [raw.parts] : typeof raw.text === 'string' ? [raw] : []) : [];
  const extras = isRecord(raw) && !Array.isArray(raw) && raw.parts !== undefined ? unknownFields(raw, ['parts']) : undefined;
  const system: TextPart[] = [];
  parts.forEach((item, index) => {
    const part = readPart(item, { strict: true, path: ['systemInstruction', 'parts'] }, index);
    if (!part?.text || part.thought === true) return;
    const wrapped = toExtras(partExtras(part));
    system.push({ type: 'text', text: part.text, ...(wrapped ? { extras: wrapped } : {}) });
  });
  return { system, ...(extras ? { extras } : {}) };
}

function unwrapEnvelope(body: Record<string, unknown>): { inner: Record<string, unknown>; envelope: EnvelopeHints; model: string } {
  if (body.contents === undefined && isRecord(body.request)) {
    const envelope: EnvelopeHints = typeof body.project === 'string' && body.project !== '' ? { project: body.project } : {};
    return { inner: body.request, envelope, model: stripModelsPrefix(body.model ?? body.request.model) };
  }
  return { inner: body, envelope: {}, model: stripModelsPrefix(body.model) };
}

export interface DecodeOptions {
  /** countTokens bodies may have no contents at all. */
  allowEmptyContents?: boolean;
}

export function decodeRequestBody(body: unknown, options: DecodeOptions = {}): IrRequest {
  const outer = parseAt(bodySchema, body, []);
  const { inner, envelope, model } = unwrapEnvelope(outer);
  const request = camelize(inner, REQUEST_KEYS) as Record<string, unknown>;
  const parsed = parseAt(options.allowEmptyContents ? countTokensSchema : requestSchema, request, []);
  const contents = parsed.contents ?? [];

  const { system, extras: systemExtras } = decodeSystemInstruction(request.systemInstruction);
  const result: IrRequest = {
    model,
    system,
    messages: decodeContents(contents, { path: ['contents'] }),
    stream: false,
    source: 'gemini',
  };

  const config = decodeGenerationConfig(request.generationConfig, 'generationConfig');
  const { extras: configExtras, ...fields } = config;
  Object.assign(result, fields);

  const tools = decodeTools(parsed.tools);
  if (tools) result.tools = tools;
  const { toolChoice, extras: toolConfigExtras } = decodeToolConfig(request.toolConfig);
  if (toolChoice) result.toolChoice = toolChoice;

  const sessionId = request.session_id ?? request.sessionId;
  if (typeof sessionId === 'string' && sessionId !== '') envelope.sessionId = sessionId;
  if (Object.keys(envelope).length > 0) result.envelope = envelope;

  const extras: Record<string, unknown> = { ...collectExtras(request, MAPPED_KEYS) };
  if (systemExtras) extras.systemInstruction = systemExtras;
  if (configExtras) extras.generationConfig = configExtras;
  if (toolConfigExtras) extras.toolConfig = toolConfigExtras;
  const wrapped = toExtras(extras);
  if (wrapped) result.extras = wrapped;
  return result;
}

export function decodeRequest(body: unknown): IrRequest {
  return decodeRequestBody(body);
}

/**
 * A `countTokens` body: `{contents}` (plus optional `systemInstruction`, `tools`, …) or
 * `{generateContentRequest: {model, contents, …}}`.
 */
export function decodeCountTokensRequest(body: unknown): IrRequest {
  if (isRecord(body) && isRecord(body.generateContentRequest)) {
    return decodeRequestBody({ ...body.generateContentRequest }, { allowEmptyContents: true });
  }
  return decodeRequestBody(body, { allowEmptyContents: true });
}
