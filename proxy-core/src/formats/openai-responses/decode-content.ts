/** Responses content parts (`input_text`, `output_text`, `input_image`, `input_file`, …) → IR parts. */
import type { FilePart, ImagePart, MediaSource, TextPart } from '../../ir/index.js';
import { audioMediaType, mediaTypeFromFilename, parseDataUrl, sourceFromUrl } from '../openai-chat/media-source.js';
import { isRecord } from './responses-extras.js';
import { invalidAt } from './schema.js';

type Path = ReadonlyArray<string | number>;
export type UserPart = TextPart | ImagePart | FilePart;

const TEXT_TYPES = new Set(['input_text', 'output_text', 'text', 'summary_text', 'reasoning_text']);

function stringField(part: Record<string, unknown>, key: string, path: Path): string | undefined {
  const value = part[key];
  if (value == null) return undefined;
  if (typeof value !== 'string') invalidAt([...path, key], 'must be a string.');
  return value;
}

function textOf(part: Record<string, unknown>, path: Path): TextPart {
  const text = part.type === 'refusal' ? stringField(part, 'refusal', path) : stringField(part, 'text', path);
  if (text === undefined) invalidAt([...path, part.type === 'refusal' ? 'refusal' : 'text'], 'is required.');
  return { type: 'text', text };
}

function imageOf(part: Record<string, unknown>, path: Path): ImagePart {
  const url = stringField(part, 'image_url', path);
  const fileId = stringField(part, 'file_id', path);
  let source: MediaSource;
  if (url !== undefined) source = sourceFromUrl(url);
  else if (fileId !== undefined) source = { kind: 'file-id', fileId };
  else invalidAt(path, 'needs `image_url` or `file_id`.');
  const image: ImagePart = { type: 'image', source };
  const detail = stringField(part, 'detail', path);
  if (detail !== undefined) image.detail = detail;
  return image;
}

function fileOf(part: Record<string, unknown>, path: Path): FilePart {
  const filename = stringField(part, 'filename', path);
  const data = stringField(part, 'file_data', path);
  const url = stringField(part, 'file_url', path);
  const fileId = stringField(part, 'file_id', path);
  let source: MediaSource;
  if (data !== undefined) {
    const inline = parseDataUrl(data);
    source = inline
      ? { kind: 'base64', mediaType: inline.mediaType, data: inline.data }
      : { kind: 'base64', mediaType: mediaTypeFromFilename(filename) ?? 'application/octet-stream', data };
  } else if (url !== undefined) source = { kind: 'url', url };
  else if (fileId !== undefined) source = { kind: 'file-id', fileId };
  else invalidAt(path, 'needs `file_data`, `file_url` or `file_id`.');
  const file: FilePart = { type: 'file', source };
  if (filename !== undefined) file.filename = filename;
  return file;
}

function audioOf(part: Record<string, unknown>, path: Path): FilePart {
  const audio = part.input_audio;
  if (!isRecord(audio) || typeof audio.data !== 'string') invalidAt([...path, 'input_audio', 'data'], 'must be a string.');
  const format = typeof audio.format === 'string' ? audio.format : '';
  return { type: 'file', source: { kind: 'base64', mediaType: audioMediaType(format), data: audio.data } };
}

/** One content part of a user message or a tool output. */
export function decodeUserPart(part: unknown, path: Path): UserPart {
  if (!isRecord(part) || typeof part.type !== 'string') invalidAt([...path, 'type'], 'must be a string.');
  if (TEXT_TYPES.has(part.type) || part.type === 'refusal') return textOf(part, path);
  if (part.type === 'input_image') return imageOf(part, path);
  if (part.type === 'input_file') return fileOf(part, path);
  if (part.type === 'input_audio') return audioOf(part, path);
  invalidAt([...path, 'type'], `is "${part.type}", which is not a supported content part (input_text, input_image, input_file, input_audio).`);
}

/** Content that may only hold text (system/developer and assistant messages). */
export function decodeTextParts(content: string | readonly unknown[], path: Path): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, index) => {
    const decoded = decodeUserPart(part, [...path, index]);
    if (decoded.type !== 'text') invalidAt([...path, index, 'type'], 'must be a text part in this message.');
    return decoded;
  });
}

export function decodeUserContent(content: string | readonly unknown[], path: Path): UserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, index) => decodeUserPart(part, [...path, index]));
}
