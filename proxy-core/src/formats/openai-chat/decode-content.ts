/** Chat content parts (client requests) → IR parts. */
import type { z } from 'zod';
import type {
  AssistantContentPart,
  CacheControl,
  FilePart,
  GeneratedImagePart,
  ImagePart,
  TextPart,
  UserContentPart,
} from '../../ir/index.js';
import { invalidRequest } from '../../shared/errors.js';
import { isRecord, toExtras, unknownFields } from './chat-extras.js';
import { audioMediaType, mediaTypeFromFilename, parseDataUrl, sourceFromUrl } from './media-source.js';
import {
  assistantPartSchema,
  formatPath,
  parseContent,
  systemPartSchema,
  toolResultPartSchema,
  userPartSchema,
} from './schema.js';

type Path = ReadonlyArray<PropertyKey>;
type UserPartWire = z.output<typeof userPartSchema>;
type TextPartWire = Extract<UserPartWire, { type: 'text' }>;
type ImagePartWire = Extract<UserPartWire, { type: 'image_url' }>;
type FilePartWire = Extract<UserPartWire, { type: 'file' }>;

export function decodeCacheControl(value: { type: string; ttl?: string | null } | null | undefined): CacheControl | undefined {
  if (value === null || value === undefined) return undefined;
  return value.ttl ? { type: 'ephemeral', ttl: value.ttl } : { type: 'ephemeral' };
}

/** Part fields beyond the ones we map, plus the unknown fields of its nested object (kept under that key). */
function partExtras(part: Record<string, unknown>, known: readonly string[], nestedKey?: string, nestedKnown: readonly string[] = []) {
  const fields = unknownFields(part, [...known, 'type', 'cache_control']) ?? {};
  const nested = nestedKey === undefined ? undefined : part[nestedKey];
  if (nestedKey !== undefined && isRecord(nested)) {
    const nestedFields = unknownFields(nested, nestedKnown);
    if (nestedFields !== undefined) fields[nestedKey] = nestedFields;
  }
  return toExtras(fields);
}

function withOptional<T extends object>(base: T, optional: Partial<T>): T {
  const result = { ...base };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (result as Record<string, unknown>)[key] = value;
  return result;
}

export function decodeTextPart(part: TextPartWire): TextPart {
  return withOptional<TextPart>(
    { type: 'text', text: part.text },
    { cacheControl: decodeCacheControl(part.cache_control), extras: partExtras(part, ['text']) },
  );
}

function decodeImagePart(part: ImagePartWire, path: Path): ImagePart {
  const image = typeof part.image_url === 'string' ? { url: part.image_url } : part.image_url;
  if (image.url.trim() === '') {
    throw invalidRequest(`\`${formatPath([...path, 'image_url', 'url'])}\` is empty: send an http(s) URL or a data: URL.`, {
      param: formatPath([...path, 'image_url', 'url']),
    });
  }
  return withOptional<ImagePart>(
    { type: 'image', source: sourceFromUrl(image.url) },
    {
      detail: 'detail' in image && typeof image.detail === 'string' ? image.detail : undefined,
      cacheControl: decodeCacheControl(part.cache_control),
      extras: partExtras(part, ['image_url'], 'image_url', ['url', 'detail']),
    },
  );
}

function decodeFilePart(part: FilePartWire, path: Path): FilePart {
  const file = part.file;
  const filename = file.filename ?? undefined;
  const extras = partExtras(part, ['file'], 'file', ['file_data', 'file_id', 'filename']);
  const base = { cacheControl: decodeCacheControl(part.cache_control), filename, extras };
  if (typeof file.file_data === 'string' && file.file_data !== '') {
    const inline = parseDataUrl(file.file_data);
    const source = inline
      ? { kind: 'base64' as const, mediaType: inline.mediaType, data: inline.data }
      : { kind: 'base64' as const, mediaType: mediaTypeFromFilename(filename) ?? 'application/octet-stream', data: file.file_data };
    return withOptional<FilePart>({ type: 'file', source }, base);
  }
  if (typeof file.file_id === 'string' && file.file_id !== '') {
    const mediaType = mediaTypeFromFilename(filename);
    const source = mediaType ? { kind: 'file-id' as const, fileId: file.file_id, mediaType } : { kind: 'file-id' as const, fileId: file.file_id };
    return withOptional<FilePart>({ type: 'file', source }, base);
  }
  const param = formatPath([...path, 'file']);
  throw invalidRequest(`\`${param}\` must carry \`file_data\` (base64 or a data: URL) or \`file_id\`.`, { param });
}

function decodeUserPart(part: UserPartWire, path: Path): UserContentPart {
  switch (part.type) {
    case 'text':
      return decodeTextPart(part);
    case 'image_url':
      return decodeImagePart(part, path);
    case 'file':
      return decodeFilePart(part, path);
    case 'input_audio':
      return withOptional<FilePart>(
        { type: 'file', source: { kind: 'base64', mediaType: audioMediaType(part.input_audio.format), data: part.input_audio.data } },
        { extras: partExtras(part, ['input_audio'], 'input_audio', ['data', 'format']) },
      );
    case 'video_url': {
      const url = typeof part.video_url === 'string' ? part.video_url : part.video_url.url;
      const source = sourceFromUrl(url);
      const withType = source.kind === 'url' ? { ...source, mediaType: videoMediaType(url) } : source;
      return withOptional<FilePart>({ type: 'file', source: withType }, { extras: partExtras(part, ['video_url'], 'video_url', ['url']) });
    }
  }
}

function videoMediaType(url: string): string {
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  if (extension === 'webm') return 'video/webm';
  if (extension === 'mov') return 'video/quicktime';
  return 'video/mp4';
}

/** User content: a string or an array of parts. */
export function decodeUserContent(content: unknown, path: Path): UserContentPart[] {
  const parsed = parseContent(userPartSchema, content, path);
  if (parsed === null || parsed === undefined) {
    throw invalidRequest(`\`${formatPath(path)}\` is required in a user message: send a string or an array of parts.`, {
      param: formatPath(path),
    });
  }
  if (typeof parsed === 'string') return [{ type: 'text', text: parsed }];
  return parsed.map((part, index) => decodeUserPart(part, [...path, index]));
}

/** System/developer content: a string or an array of text parts. */
export function decodeSystemContent(content: unknown, path: Path): TextPart[] {
  const parsed = parseContent(systemPartSchema, content, path);
  if (parsed === null || parsed === undefined) return [];
  if (typeof parsed === 'string') return [{ type: 'text', text: parsed }];
  return parsed.map((part) => decodeTextPart(part));
}

/**
 * Assistant content: a string, null, or an array of text/refusal parts (data: images become generated
 * images). Empty text is dropped: `content: ""` next to tool calls means "no text", and other formats
 * reject empty text blocks.
 */
export function decodeAssistantContent(content: unknown, path: Path): AssistantContentPart[] {
  const parsed = parseContent(assistantPartSchema, content, path);
  if (parsed === null || parsed === undefined) return [];
  if (typeof parsed === 'string') return parsed === '' ? [] : [{ type: 'text', text: parsed }];
  const parts = parsed.map((part, index): TextPart | GeneratedImagePart => {
    if (part.type === 'text') return decodeTextPart(part);
    if (part.type === 'refusal') return { type: 'text', text: part.refusal };
    const url = typeof part.image_url === 'string' ? part.image_url : part.image_url.url;
    const inline = parseDataUrl(url);
    if (inline === undefined) {
      const param = formatPath([...path, index, 'image_url', 'url']);
      throw invalidRequest(`\`${param}\`: images in assistant messages must be data: URLs.`, { param });
    }
    return { type: 'generated-image', mediaType: inline.mediaType, data: inline.data };
  });
  return parts.filter((part) => part.type !== 'text' || part.text !== '');
}

/** Tool message content: a string, an array of text parts (Qwen Code), or also images/files; null → no parts. */
export function decodeToolResultContent(content: unknown, path: Path): Array<TextPart | ImagePart | FilePart> {
  const parsed = parseContent(toolResultPartSchema, content, path);
  if (parsed === null || parsed === undefined) return [];
  if (typeof parsed === 'string') return [{ type: 'text', text: parsed }];
  return parsed.map((part, index) => {
    if (part.type === 'text') return decodeTextPart(part);
    if (part.type === 'image_url') return decodeImagePart(part, [...path, index]);
    return decodeFilePart(part, [...path, index]);
  });
}
