/** IR content parts → Claude content blocks (for a Claude upstream). */
import type { CacheControl, FilePart, ImagePart, MediaSource, ReasoningPart, TextPart, ToolCallPart, ToolResultPart } from '../../ir/index.js';
import { interleaveUnmapped, isRecord, omitKeys, ownExtras, unmappedBlocks } from './claude-extras.js';
import { isPlainText } from './decode-content.js';

export type Block = Record<string, unknown>;

/** Collects what could not be sent as asked (reported to the caller; the request still goes out). */
export type Warn = (message: string) => void;

/** `cache_control`: the raw object a Claude client sent when it had extra keys, else the IR marker. */
export function encodeCacheControl(cacheControl: CacheControl | undefined, own: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!cacheControl) return undefined;
  if (isRecord(own.cache_control)) return own.cache_control;
  return cacheControl.ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: cacheControl.ttl };
}

function withCache(block: Block, cacheControl: CacheControl | undefined, own: Record<string, unknown>): Block {
  const cache = encodeCacheControl(cacheControl, own);
  if (cache) block.cache_control = cache;
  return block;
}

export function encodeTextPart(part: TextPart): Block {
  const own = ownExtras(part.extras);
  return withCache({ ...omitKeys(own, ['cache_control']), type: 'text', text: part.text }, part.cacheControl, own);
}

function encodeSource(source: MediaSource): Block {
  switch (source.kind) {
    case 'base64':
      return { type: 'base64', media_type: source.mediaType, data: source.data };
    case 'url':
      return { type: 'url', url: source.url };
    case 'file-id':
      return { type: 'file', file_id: source.fileId };
  }
}

export function encodeImagePart(part: ImagePart): Block {
  const own = ownExtras(part.extras);
  const source = isRecord(own.source) ? own.source : encodeSource(part.source);
  return withCache({ ...omitKeys(own, ['cache_control', 'source']), type: 'image', source }, part.cacheControl, own);
}

/**
 * A file → `document` (PDF or plain text), an `image` block for image files, or — for kinds Claude cannot
 * read (audio, office files) — a short text note so the conversation still makes sense.
 */
export function encodeFilePart(part: FilePart, warn: Warn): Block {
  const own = ownExtras(part.extras);
  const mediaType = part.source.mediaType?.toLowerCase();
  if (mediaType?.startsWith('image/')) {
    return withCache({ type: 'image', source: encodeSource(part.source) }, part.cacheControl, own);
  }
  let source: Block;
  if (isRecord(own.source)) source = own.source;
  else if (part.source.kind === 'base64' && mediaType?.startsWith('text/')) {
    source = { type: 'text', media_type: 'text/plain', data: Buffer.from(part.source.data, 'base64').toString('utf8') };
  } else if (part.source.kind === 'base64' && mediaType !== 'application/pdf') {
    const name = part.filename ?? part.title ?? 'file';
    warn(`A ${mediaType ?? 'binary'} attachment (${name}) was replaced by a note: Claude reads only PDF, text and image files.`);
    return { type: 'text', text: `[Attachment "${name}" (${mediaType ?? 'unknown type'}) omitted: this model cannot read this file type.]` };
  } else source = encodeSource(part.source);
  const block: Block = { ...omitKeys(own, ['cache_control', 'source']), type: 'document', source };
  if (part.title !== undefined) block.title = part.title;
  else if (part.filename !== undefined && !('title' in own)) block.title = part.filename;
  return withCache(block, part.cacheControl, own);
}

/** User-side content (text, image, file); empty text is dropped (Anthropic rejects empty text blocks). */
export function encodeUserPart(part: TextPart | ImagePart | FilePart, warn: Warn): Block | undefined {
  switch (part.type) {
    case 'text':
      return part.text.trim() === '' ? undefined : encodeTextPart(part);
    case 'image':
      return encodeImagePart(part);
    case 'file':
      return encodeFilePart(part, warn);
  }
}

/**
 * Reasoning goes back to Claude only when Claude can verify it: a `thinking` block needs a Claude-family
 * signature; redacted data is Claude's when it has no signature of another family. Unsigned or
 * foreign-signed reasoning is dropped (Anthropic would reject it).
 */
export function encodeReasoningPart(part: ReasoningPart): Block | undefined {
  const own = ownExtras(part.extras);
  const family = part.signature?.family;
  if (part.redactedData !== undefined && (family === undefined || family === 'claude')) {
    return { ...own, type: 'redacted_thinking', data: part.redactedData };
  }
  if (family !== 'claude' || part.signature === undefined) return undefined;
  return { ...own, type: 'thinking', thinking: part.text, signature: part.signature.value };
}

/** Claude tool ids allow `[A-Za-z0-9_-]`; the same mapping is applied to calls and results so they still match. */
export function claudeToolId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '_');
  return cleaned === '' ? 'toolu_missing_id' : cleaned;
}

/** Tool-call arguments (JSON text) → the `input` object. Anything that is not a JSON object becomes `{}`. */
export function argumentsToInput(part: Pick<ToolCallPart, 'arguments' | 'kind' | 'name' | 'id'>, warn: Warn): Record<string, unknown> {
  if (part.kind === 'custom') return { input: part.arguments };
  const text = part.arguments.trim();
  if (text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) return parsed;
  } catch {
    // fall through to the warning
  }
  warn(`The arguments of tool call ${part.id} (${part.name}) are not a JSON object; they were sent as {}.`);
  return {};
}

export function encodeToolCallPart(part: ToolCallPart, warn: Warn): Block {
  const own = ownExtras(part.extras);
  return { ...own, type: 'tool_use', id: claudeToolId(part.id), name: part.name, input: argumentsToInput(part, warn) };
}

export function encodeToolResultPart(part: ToolResultPart, warn: Warn): Block {
  const own = ownExtras(part.extras);
  const encoded = part.content.map((item) => encodeUserPart(item, warn));
  const blocks = interleaveUnmapped(encoded, unmappedBlocks(own));
  const block: Block = { ...omitKeys(own, ['cache_control', 'content_form', 'unmapped']), type: 'tool_result', tool_use_id: claudeToolId(part.toolCallId) };
  const only = part.content.length === 1 && blocks.length === 1 ? part.content[0] : undefined;
  if (own.content_form === 'string' && blocks.length === 0) block.content = '';
  else if (own.content_form !== 'blocks' && only?.type === 'text' && isPlainText(only) && only.text.trim() !== '') block.content = only.text;
  else if (blocks.length > 0 || own.content_form === 'blocks') block.content = blocks;
  // No content at all stays absent: Anthropic accepts a bare tool_result (the sparse form Claude Code sends).
  if (part.isError !== undefined) block.is_error = part.isError;
  return withCache(block, part.cacheControl, own);
}
