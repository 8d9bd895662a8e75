/** Claude content blocks → IR content parts. Blocks with no IR part are returned as `undefined` (callers keep them raw). */
import type { CacheControl, FilePart, ImagePart, MediaSource, ReasoningPart, TextPart, ToolCallPart, ToolResultPart } from '../../ir/index.js';
import { isRecord, unknownFields, withExtras, type UnmappedBlock } from './claude-extras.js';
import {
  blockTypeSchema,
  documentBlockSchema,
  imageBlockSchema,
  parseAt,
  redactedThinkingBlockSchema,
  textBlockSchema,
  thinkingBlockSchema,
  toolResultBlockSchema,
  toolUseBlockSchema,
} from './schema.js';
import { decodeSignature } from './signature.js';

type Path = ReadonlyArray<PropertyKey>;

const IMAGE_SOURCES = ['base64', 'url', 'file'];
const DOCUMENT_SOURCES = ['base64', 'text', 'url', 'file', 'content'];

/**
 * `cache_control` → IR. Unknown keys (or a type other than `ephemeral`) keep the raw object in the part's
 * extras so a Claude round trip re-emits it exactly.
 */
export function decodeCacheControl(raw: Record<string, unknown> | null | undefined): { cacheControl?: CacheControl; raw?: Record<string, unknown> } {
  if (!raw) return {};
  const cacheControl: CacheControl = { type: 'ephemeral' };
  if (typeof raw.ttl === 'string') cacheControl.ttl = raw.ttl;
  const exact = raw.type === 'ephemeral' && Object.keys(raw).every((key) => key === 'type' || (key === 'ttl' && typeof raw.ttl === 'string'));
  return exact ? { cacheControl } : { cacheControl, raw };
}

/** Fields of a block outside `known`, plus a raw `cache_control` when it had extra keys. */
function blockExtras(block: Record<string, unknown>, known: readonly string[], rawCache?: Record<string, unknown>): Record<string, unknown> | undefined {
  const fields = unknownFields(block, [...known, 'cache_control']);
  return rawCache ? { ...fields, cache_control: rawCache } : fields;
}

export function decodeTextBlock(value: unknown, path: Path): TextPart {
  const block = parseAt(textBlockSchema, value, path);
  const cache = decodeCacheControl(block.cache_control);
  const part: TextPart = { type: 'text', text: block.text };
  if (cache.cacheControl) part.cacheControl = cache.cacheControl;
  return withExtras(part, blockExtras(block, ['type', 'text'], cache.raw));
}

function decodeImageBlock(value: Record<string, unknown>, path: Path): ImagePart {
  const block = parseAt(imageBlockSchema, value, path);
  const source = block.source;
  const media: MediaSource =
    source.type === 'base64'
      ? { kind: 'base64', mediaType: source.media_type, data: source.data }
      : source.type === 'url'
        ? { kind: 'url', url: source.url }
        : { kind: 'file-id', fileId: source.file_id };
  const cache = decodeCacheControl(block.cache_control);
  const part: ImagePart = { type: 'image', source: media };
  if (cache.cacheControl) part.cacheControl = cache.cacheControl;
  const sourceExtras = unknownFields(source, ['type', 'media_type', 'data', 'url', 'file_id']);
  return withExtras(part, { ...blockExtras(block, ['type', 'source'], cache.raw), ...(sourceExtras ? { source: source } : {}) });
}

/** A plain-text or content-block document becomes a `text/plain` file; the raw source is kept for Claude. */
function textOfContentSource(content: string | unknown[]): string {
  if (typeof content === 'string') return content;
  return content
    .filter((item): item is Record<string, unknown> => isRecord(item) && item.type === 'text' && typeof item.text === 'string')
    .map((item) => item.text as string)
    .join('\n');
}

function decodeDocumentBlock(value: Record<string, unknown>, path: Path): FilePart {
  const block = parseAt(documentBlockSchema, value, path);
  const source = block.source;
  let media: MediaSource;
  let keepRawSource = unknownFields(source, ['type', 'media_type', 'data', 'url', 'file_id']) !== undefined;
  switch (source.type) {
    case 'base64':
      media = { kind: 'base64', mediaType: source.media_type, data: source.data };
      break;
    case 'text':
      media = { kind: 'base64', mediaType: source.media_type ?? 'text/plain', data: Buffer.from(source.data, 'utf8').toString('base64') };
      keepRawSource ||= source.media_type == null;
      break;
    case 'url':
      media = { kind: 'url', url: source.url };
      break;
    case 'file':
      media = { kind: 'file-id', fileId: source.file_id };
      break;
    case 'content':
      media = { kind: 'base64', mediaType: 'text/plain', data: Buffer.from(textOfContentSource(source.content), 'utf8').toString('base64') };
      keepRawSource = true;
      break;
  }
  const cache = decodeCacheControl(block.cache_control);
  const part: FilePart = { type: 'file', source: media };
  if (block.title != null) part.title = block.title;
  if (cache.cacheControl) part.cacheControl = cache.cacheControl;
  return withExtras(part, { ...blockExtras(block, ['type', 'source', 'title'], cache.raw), ...(keepRawSource ? { source } : {}) });
}

/** A user-visible content block (text, image, document); `undefined` for anything else. */
export function decodeMediaBlock(value: unknown, path: Path): TextPart | ImagePart | FilePart | undefined {
  const block = parseAt(blockTypeSchema, value, path);
  const sourceType = isRecord(block.source) ? block.source.type : undefined;
  switch (block.type) {
    case 'text':
      return decodeTextBlock(block, path);
    case 'image':
      // An unknown source kind (a newer API feature) is kept raw rather than rejected.
      return typeof sourceType === 'string' && !IMAGE_SOURCES.includes(sourceType) ? undefined : decodeImageBlock(block, path);
    case 'document':
      return typeof sourceType === 'string' && !DOCUMENT_SOURCES.includes(sourceType) ? undefined : decodeDocumentBlock(block, path);
    default:
      return undefined;
  }
}

export function decodeToolUseBlock(value: unknown, path: Path): ToolCallPart {
  const block = parseAt(toolUseBlockSchema, value, path);
  const part: ToolCallPart = { type: 'tool-call', id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) };
  // Tool calls have no IR cache marker: a `cache_control` stays raw among the kept fields.
  return withExtras(part, unknownFields(block, ['type', 'id', 'name', 'input']));
}

export function decodeThinkingBlock(value: unknown, path: Path): ReasoningPart {
  const block = parseAt(thinkingBlockSchema, value, path);
  const part: ReasoningPart = { type: 'reasoning', text: block.thinking };
  const signature = decodeSignature(block.signature);
  if (signature) part.signature = signature;
  return withExtras(part, unknownFields(block, ['type', 'thinking', 'signature']));
}

export function decodeRedactedThinkingBlock(value: unknown, path: Path): ReasoningPart {
  const block = parseAt(redactedThinkingBlockSchema, value, path);
  return withExtras({ type: 'reasoning', text: '', redactedData: block.data }, unknownFields(block, ['type', 'data']));
}

/**
 * `tool_result` → IR. Content may be a string, an array of text/image/document blocks, or absent (Claude Code's
 * sparse tool_result): absent and `""` both become an empty result. Blocks with no IR part stay raw.
 */
export function decodeToolResultBlock(value: unknown, path: Path): ToolResultPart {
  const block = parseAt(toolResultBlockSchema, value, path);
  const content: ToolResultPart['content'] = [];
  const unmapped: UnmappedBlock[] = [];
  let contentForm: 'string' | 'blocks' | undefined;
  if (typeof block.content === 'string') {
    if (block.content !== '') content.push({ type: 'text', text: block.content });
    else contentForm = 'string';
  } else if (Array.isArray(block.content)) {
    block.content.forEach((item, index) => {
      const part = decodeMediaBlock(item, [...path, 'content', index]);
      if (part) content.push(part);
      else unmapped.push({ index: content.length, block: item as Record<string, unknown> });
    });
    const single = content.length === 1 && unmapped.length === 0 ? content[0] : undefined;
    if (block.content.length === 0 || (single?.type === 'text' && isPlainText(single))) contentForm = 'blocks';
  }
  const cache = decodeCacheControl(block.cache_control);
  const part: ToolResultPart = { type: 'tool-result', toolCallId: block.tool_use_id, content };
  if (block.is_error != null) part.isError = block.is_error;
  if (cache.cacheControl) part.cacheControl = cache.cacheControl;
  return withExtras(part, {
    ...blockExtras(block, ['type', 'tool_use_id', 'content', 'is_error'], cache.raw),
    ...(contentForm ? { content_form: contentForm } : {}),
    ...(unmapped.length > 0 ? { unmapped } : {}),
  });
}

/** A text part that encodes as a bare string (no cache marker, no kept fields). */
export function isPlainText(part: TextPart): boolean {
  return part.cacheControl === undefined && part.extras === undefined;
}
