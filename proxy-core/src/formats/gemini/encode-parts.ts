/**
 * IR content parts → Gemini parts, shared by the request encoder (history) and the response encoders.
 *
 * Media: base64 → `inlineData`; `data:` URLs → `inlineData`; other URLs → `fileData {fileUri, mimeType}`
 * (Gemini fetches only some URLs itself: its Files API, Cloud Storage, YouTube and, on recent models,
 * public http(s) files; anything else fails upstream); file ids → `fileData` only when they look like a
 * Gemini file (`files/…` or a URI), else they are dropped.
 */
import type { AssistantContentPart, FilePart, ImagePart, ToolCallPart, ToolResultPart, UserContentPart } from '../../ir/index.js';
import { isRecord, mergeExtras, ownExtras } from './gemini-extras.js';
import { geminiSignature } from './thought-signature.js';

export type WirePartOut = Record<string, unknown>;

const EXTENSION_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
};

function guessMediaType(url: string): string | undefined {
  const match = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url);
  return match ? EXTENSION_TYPES[match[1].toLowerCase()] : undefined;
}

function parseDataUrl(url: string): { mimeType: string; data: string } | undefined {
  const match = /^data:([^;,]*)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  return match ? { mimeType: match[1] || 'application/octet-stream', data: match[2] } : undefined;
}

/** An image or file as a Gemini part, or `undefined` when Gemini has no way to read it. */
export function encodeMedia(part: ImagePart | FilePart): WirePartOut | undefined {
  const own = ownExtras(part.extras);
  const source = part.source;
  let encoded: WirePartOut | undefined;
  if (source.kind === 'base64') {
    encoded = { inlineData: { mimeType: source.mediaType, data: source.data } };
  } else if (source.kind === 'url') {
    const inline = parseDataUrl(source.url);
    if (inline) encoded = { inlineData: inline };
    else {
      const mimeType = source.mediaType ?? guessMediaType(source.url);
      encoded = { fileData: { ...(mimeType ? { mimeType } : {}), fileUri: source.url } };
    }
  } else if (/^files\/|^[a-z][a-z0-9+.-]*:\/\//i.test(source.fileId)) {
    const mimeType = source.mediaType;
    encoded = { fileData: { ...(mimeType ? { mimeType } : {}), fileUri: source.fileId } };
  }
  return encoded ? mergeExtras(encoded, own) : undefined;
}

/** A part whose extras hold the original Gemini object it was rendered from (code execution, files). */
function replacedPart(own: Record<string, unknown>): WirePartOut | undefined {
  for (const key of ['executableCode', 'codeExecutionResult', 'fileData']) {
    if (isRecord(own[key])) return { ...own };
  }
  return undefined;
}

export function encodeUserContent(parts: readonly UserContentPart[]): WirePartOut[] {
  const result: WirePartOut[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      const own = ownExtras(part.extras);
      const replaced = replacedPart(own);
      if (replaced) result.push(replaced);
      else if (part.text !== '') result.push(mergeExtras({ text: part.text }, own));
    } else {
      const media = encodeMedia(part);
      if (media) result.push(media);
    }
  }
  return result;
}

/**
 * Arguments for `functionCall.args`, which must be an object: custom (free-text) tools as `{input}`,
 * empty text as `{}`, and anything that is not a JSON object as `{input: value}`.
 */
export function argumentsObject(call: Pick<ToolCallPart, 'arguments' | 'kind'>): Record<string, unknown> {
  if (call.kind === 'custom') return { input: call.arguments };
  if (call.arguments.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(call.arguments);
    return isRecord(parsed) ? parsed : { input: parsed };
  } catch {
    return { input: call.arguments };
  }
}

export interface AssistantEncodeOptions {
  /** Requests drop unsigned thoughts (§4.8); answers show them when the client wants thoughts. */
  target: 'request' | 'response';
  showThoughts: boolean;
  /** Function name as Gemini should see it. */
  nameOf(name: string): string;
  /** Whether a call id is sent. */
  includeId(id: string): boolean;
}

export function encodeToolCall(part: ToolCallPart, options: Pick<AssistantEncodeOptions, 'nameOf' | 'includeId'>): WirePartOut {
  const signature = geminiSignature(part.signature);
  const functionCall = { ...(options.includeId(part.id) ? { id: part.id } : {}), name: options.nameOf(part.name), args: argumentsObject(part) };
  return mergeExtras({ functionCall, ...(signature ? { thoughtSignature: signature } : {}) }, ownExtras(part.extras));
}

export function encodeAssistantContent(parts: readonly AssistantContentPart[], options: AssistantEncodeOptions): WirePartOut[] {
  const result: WirePartOut[] = [];
  let previous: AssistantContentPart | undefined;
  for (const part of parts) {
    switch (part.type) {
      case 'text': {
        const own = ownExtras(part.extras);
        const replaced = replacedPart(own);
        if (replaced) result.push(replaced);
        else if (part.text !== '') result.push(mergeExtras({ text: part.text }, own));
        break;
      }
      case 'reasoning': {
        const signature = geminiSignature(part.signature);
        const last = result[result.length - 1];
        if (part.text === '') {
          if (!signature) break;
          // A signature Gemini put on the text or image before it: fold it back onto that part.
          if ((previous?.type === 'text' || previous?.type === 'generated-image') && last && last.thought === undefined && last.thoughtSignature === undefined && !last.functionCall) {
            last.thoughtSignature = signature;
          } else {
            result.push({ text: '', thoughtSignature: signature });
          }
          break;
        }
        const visible = options.target === 'request' ? signature !== undefined : options.showThoughts;
        if (visible) result.push(mergeExtras({ text: part.text, thought: true, ...(signature ? { thoughtSignature: signature } : {}) }, ownExtras(part.extras)));
        else if (signature) result.push({ text: '', thoughtSignature: signature });
        break;
      }
      case 'tool-call':
        result.push(encodeToolCall(part, options));
        break;
      case 'generated-image':
        result.push({ inlineData: { mimeType: part.mediaType, data: part.data } });
        break;
    }
    previous = part;
  }
  return result;
}

export interface ToolResultEncodeOptions {
  /** The Gemini function name for a result (its own, or that of the call it answers). */
  nameFor(result: ToolResultPart): string;
  includeId(id: string): boolean;
}

/**
 * Tool results → `functionResponse {id?, name, response}` parts. The response uses the keys Gemini
 * documents: `{output: text}`, or `{error: text}` for failures; images and files follow as their own
 * parts. A response that came from a Gemini client whole is sent back whole.
 */
export function encodeToolResults(results: readonly ToolResultPart[], options: ToolResultEncodeOptions): WirePartOut[] {
  const parts: WirePartOut[] = [];
  for (const result of results) {
    const own = ownExtras(result.extras);
    const kept = isRecord(own.functionResponse) ? own.functionResponse : {};
    const text = result.content.flatMap((item) => (item.type === 'text' ? [item.text] : [])).join('\n');
    const response = kept.response !== undefined ? kept.response : result.isError ? { error: text } : { output: text };
    const functionResponse = { ...(options.includeId(result.toolCallId) ? { id: result.toolCallId } : {}), name: options.nameFor(result), response };
    parts.push(mergeExtras({ functionResponse }, own));
    if (Array.isArray(kept.parts)) continue;
    for (const item of result.content) {
      if (item.type === 'text') continue;
      const media = encodeMedia(item);
      if (media) parts.push(media);
    }
  }
  return parts;
}
