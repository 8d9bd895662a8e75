/**
 * Gemini parts → IR content parts, for model turns (requests and answers) and user turns (requests).
 *
 * Signatures: on a `functionCall` part → `ToolCallPart.signature`; on a thought part → the reasoning's
 * signature; on a plain text or image part (Gemini 3 signs those too) → an empty `ReasoningPart` right
 * after it, which the encoder folds back onto that part; a part carrying only a signature attaches to the
 * reasoning before it (or becomes an empty signed reasoning part). Sentinels are not signatures: they are
 * kept in the part's extras. Empty text parts are dropped (§5 quirk 4).
 */
import type { AssistantContentPart, FilePart, ImagePart, ReasoningPart, TextPart, ToolResultPart, UserContentPart } from '../../ir/index.js';
import { invalidRequest } from '../../shared/errors.js';
import { collectExtras, isRecord, toExtras } from './gemini-extras.js';
import { camelizePart } from './normalize-keys.js';
import { formatPath, parseAt, parseLenient, partSchema, type WirePart } from './schema.js';
import { decodeSignature } from './thought-signature.js';

const PART_KEYS = ['text', 'thought', 'thoughtSignature', 'inlineData', 'fileData', 'functionCall', 'functionResponse', 'executableCode', 'codeExecutionResult'];
const NESTED_KEYS = {
  inlineData: ['mimeType', 'data'],
  fileData: ['mimeType', 'fileUri'],
  functionCall: ['id', 'name', 'args'],
  functionResponse: ['id', 'name', 'response'],
};

/** How parts are read: strictly (client requests: errors name the field) or leniently (upstream answers). */
export interface PartReader {
  strict: boolean;
  path: ReadonlyArray<PropertyKey>;
}

export function readPart(raw: unknown, reader: PartReader, index: number): WirePart | undefined {
  const value = camelizePart(raw);
  if (reader.strict) return parseAt(partSchema, value, [...reader.path, index]);
  return parseLenient(partSchema, value);
}

/** Unknown keys of a part (and of its known nested objects), as this format's extras record. */
export function partExtras(part: WirePart): Record<string, unknown> | undefined {
  return collectExtras(part, PART_KEYS, NESTED_KEYS);
}

function withSentinel(extras: Record<string, unknown> | undefined, sentinel: string | undefined): Record<string, unknown> | undefined {
  return sentinel === undefined ? extras : { ...extras, thoughtSignature: sentinel };
}

/** Code execution parts as markdown text (the code block, or the output with its outcome). */
export function codeText(part: WirePart): string | undefined {
  if (part.executableCode) {
    const language = (part.executableCode.language ?? '').toLowerCase().replace('language_unspecified', '');
    return `\`\`\`${language}\n${part.executableCode.code ?? ''}\n\`\`\``;
  }
  if (part.codeExecutionResult) {
    const outcome = part.codeExecutionResult.outcome ? ` (${part.codeExecutionResult.outcome})` : '';
    return `Output${outcome}:\n\`\`\`\n${part.codeExecutionResult.output ?? ''}\n\`\`\``;
  }
  return undefined;
}

/** Code execution parts: readable text for other formats, the original object for Gemini. */
function renderedPart(part: WirePart): TextPart | undefined {
  const text = codeText(part);
  if (text === undefined) return undefined;
  const original = part.executableCode ? { executableCode: part.executableCode } : { codeExecutionResult: part.codeExecutionResult };
  return { type: 'text', text, extras: { gemini: original } };
}

/** `inlineData`/`fileData` → an image or file part (images when the MIME type says so). */
export function mediaPart(part: WirePart, extras: Record<string, unknown> | undefined): ImagePart | FilePart | undefined {
  const wrapped = toExtras(extras);
  if (part.inlineData) {
    const mediaType = part.inlineData.mimeType || 'application/octet-stream';
    const source = { kind: 'base64' as const, mediaType, data: part.inlineData.data };
    if (mediaType.startsWith('image/')) return { type: 'image', source, ...(wrapped ? { extras: wrapped } : {}) };
    const displayName = part.inlineData.displayName;
    return { type: 'file', source, ...(typeof displayName === 'string' ? { filename: displayName } : {}), ...(wrapped ? { extras: wrapped } : {}) };
  }
  if (part.fileData) {
    const mediaType = part.fileData.mimeType ?? undefined;
    const source = { kind: 'url' as const, url: part.fileData.fileUri, ...(mediaType ? { mediaType } : {}) };
    if (mediaType?.startsWith('image/')) return { type: 'image', source, ...(wrapped ? { extras: wrapped } : {}) };
    return { type: 'file', source, ...(wrapped ? { extras: wrapped } : {}) };
  }
  return undefined;
}

/** Arguments as JSON text: objects as they came, a string that already holds JSON kept as is. */
export function argumentsText(args: unknown): string {
  if (args === undefined || args === null) return '{}';
  if (typeof args === 'string') return args.trim() === '' ? '{}' : args;
  return JSON.stringify(args);
}

function attachSignature(content: AssistantContentPart[], signature: ReasoningPart['signature']): void {
  const last = content[content.length - 1];
  if (last?.type === 'reasoning' && last.signature === undefined) last.signature = signature;
  else content.push({ type: 'reasoning', text: '', signature });
}

export interface ModelPartOptions extends PartReader {
  /** The id of a call (its own, or a deterministic one for calls that came without). */
  callId(part: NonNullable<WirePart['functionCall']>, index: number): string;
}

/** The parts of one model turn → assistant content. */
export function decodeModelParts(rawParts: readonly unknown[], options: ModelPartOptions): AssistantContentPart[] {
  const content: AssistantContentPart[] = [];
  rawParts.forEach((raw, index) => {
    const part = readPart(raw, options, index);
    if (!part) return;
    const { signature, sentinel } = decodeSignature(part.thoughtSignature);
    const extras = withSentinel(partExtras(part), sentinel);
    const wrapped = toExtras(extras);
    if (part.functionResponse && options.strict) {
      const param = formatPath([...options.path, index, 'functionResponse']);
      throw invalidRequest(`\`${param}\`: a functionResponse belongs in a "user" turn, after the model turn that called the function.`, { param });
    }
    if (part.functionCall) {
      const call = part.functionCall;
      content.push({
        type: 'tool-call',
        id: options.callId(call, index),
        name: call.name,
        arguments: argumentsText(call.args),
        ...(signature ? { signature } : {}),
        ...(wrapped ? { extras: wrapped } : {}),
      });
      return;
    }
    const rendered = renderedPart(part) ?? (part.fileData ? fileReference(part, extras) : undefined);
    if (rendered) {
      content.push(rendered);
      if (signature) content.push({ type: 'reasoning', text: '', signature });
      return;
    }
    if (part.inlineData) {
      content.push({ type: 'generated-image', mediaType: part.inlineData.mimeType || 'image/png', data: part.inlineData.data });
      if (signature) content.push({ type: 'reasoning', text: '', signature });
      return;
    }
    const text = part.text ?? '';
    if (part.thought === true) {
      if (text !== '') content.push({ type: 'reasoning', text, ...(signature ? { signature } : {}), ...(wrapped ? { extras: wrapped } : {}) });
      else if (signature) attachSignature(content, signature);
      return;
    }
    if (text !== '') {
      content.push({ type: 'text', text, ...(wrapped ? { extras: wrapped } : {}) });
      if (signature) content.push({ type: 'reasoning', text: '', signature });
      return;
    }
    if (signature) attachSignature(content, signature);
  });
  return content;
}

/** A file the model referred to: text for other formats, the original `fileData` for Gemini. */
function fileReference(part: WirePart, extras: Record<string, unknown> | undefined): TextPart {
  const fileData = part.fileData!;
  return { type: 'text', text: `[file: ${fileData.fileUri}]`, extras: { gemini: { ...extras, fileData: { ...(isRecord(extras?.fileData) ? extras.fileData : {}), ...fileData } } } };
}

export type UserSegment = { role: 'user'; content: UserContentPart[] } | { role: 'tool'; content: ToolResultPart[] };

/**
 * The parts of one user turn → user content and tool results, split in order. `decodeResult` turns a
 * `functionResponse` part into a tool result (it pairs it with its call).
 */
export function decodeUserParts(rawParts: readonly unknown[], options: PartReader, decodeResult: (part: WirePart, index: number) => ToolResultPart): UserSegment[] {
  const segments: UserSegment[] = [];
  const push = (role: 'user' | 'tool', item: UserContentPart | ToolResultPart) => {
    const last = segments[segments.length - 1];
    if (last?.role === role) (last.content as Array<typeof item>).push(item);
    else segments.push(role === 'user' ? { role, content: [item as UserContentPart] } : { role, content: [item as ToolResultPart] });
  };
  rawParts.forEach((raw, index) => {
    const part = readPart(raw, options, index);
    if (!part) return;
    if (part.functionCall && options.strict) {
      const param = formatPath([...options.path, index, 'functionCall']);
      throw invalidRequest(`\`${param}\`: a functionCall belongs in a "model" turn.`, { param });
    }
    if (part.functionResponse) return push('tool', decodeResult(part, index));
    let extras = partExtras(part);
    // Thought flags and signatures mean nothing on user parts; keep them for an exact round trip.
    if (part.thought !== undefined && part.thought !== null) extras = { ...extras, thought: part.thought };
    if (part.thoughtSignature) extras = { ...extras, thoughtSignature: part.thoughtSignature };
    const rendered = renderedPart(part);
    if (rendered) return push('user', rendered);
    const media = mediaPart(part, extras);
    if (media) return push('user', media);
    if (part.text) {
      const wrapped = toExtras(extras);
      push('user', { type: 'text', text: part.text, ...(wrapped ? { extras: wrapped } : {}) });
    }
  });
  return segments;
}
