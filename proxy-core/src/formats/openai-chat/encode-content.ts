/** IR content parts → Chat content parts (requests to an OpenAI-compatible upstream). */
import type { FilePart, ImagePart, TextPart } from '../../ir/index.js';
import { ProxyError } from '../../shared/errors.js';
import { isRecord, omitKeys, ownExtras } from './chat-extras.js';
import { audioFormat, toDataUrl, urlFromSource } from './media-source.js';

type WirePart = Record<string, unknown>;

function unsupported(message: string): ProxyError {
  return new ProxyError(message, { status: 400, code: 'unsupported' });
}

/** Own extras of a part, without the `role` marker the decoder puts on system parts. */
function partFields(extras: TextPart['extras']): Record<string, unknown> {
  return omitKeys(ownExtras(extras), ['role']);
}

/** True when a text part can be written as a plain string (no per-part fields to keep). */
export function isPlainText(part: TextPart): boolean {
  return Object.keys(partFields(part.extras)).length === 0;
}

export function encodeTextPart(part: TextPart): WirePart {
  // `cache_control` is not sent: OpenAI caches automatically and rejects unknown part fields.
  return { ...partFields(part.extras), type: 'text', text: part.text };
}

export function encodeImagePart(part: ImagePart): WirePart {
  const url = urlFromSource(part.source);
  if (url === undefined) {
    throw unsupported('An image in this request is an uploaded file id, which OpenAI Chat upstreams cannot read; send the image inline instead.');
  }
  const own = ownExtras(part.extras);
  const nested = isRecord(own.image_url) ? own.image_url : {};
  const image: Record<string, unknown> = { ...nested, url };
  if (part.detail !== undefined) image.detail = part.detail;
  return { ...omitKeys(own, ['image_url']), type: 'image_url', image_url: image };
}

export function encodeFilePart(part: FilePart): WirePart {
  const own = ownExtras(part.extras);
  const source = part.source;
  const mediaType = source.mediaType ?? '';
  if (source.kind === 'base64' && mediaType.startsWith('audio/')) {
    const nested = isRecord(own.input_audio) ? own.input_audio : {};
    return { ...omitKeys(own, ['input_audio']), type: 'input_audio', input_audio: { ...nested, data: source.data, format: audioFormat(mediaType) } };
  }
  if (source.kind === 'base64' && mediaType.startsWith('image/')) {
    return { ...omitKeys(own, ['file']), type: 'image_url', image_url: { url: toDataUrl(mediaType, source.data) } };
  }
  if (mediaType.startsWith('video/') && source.kind !== 'file-id') {
    const nested = isRecord(own.video_url) ? own.video_url : {};
    return { ...omitKeys(own, ['video_url']), type: 'video_url', video_url: { ...nested, url: urlFromSource(source) } };
  }
  const nested = isRecord(own.file) ? own.file : {};
  const file: Record<string, unknown> = { ...nested };
  if (source.kind === 'file-id') file.file_id = source.fileId;
  else if (source.kind === 'base64') file.file_data = toDataUrl(source.mediaType, source.data);
  else {
    throw unsupported(
      `The file ${part.filename ?? source.url} is given by URL, which OpenAI Chat upstreams cannot fetch; send it as base64 data instead.`,
    );
  }
  if (part.filename !== undefined) file.filename = part.filename;
  return { ...omitKeys(own, ['file']), type: 'file', file };
}

export function encodeUserPart(part: TextPart | ImagePart | FilePart): WirePart {
  if (part.type === 'text') return encodeTextPart(part);
  if (part.type === 'image') return encodeImagePart(part);
  return encodeFilePart(part);
}

/** A string when the content is one plain text part (the common form), otherwise an array of parts. */
export function encodeUserContent(parts: ReadonlyArray<TextPart | ImagePart | FilePart>): string | WirePart[] {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.type === 'text' && isPlainText(only)) return only.text;
  return parts.map(encodeUserPart);
}

/** Tool result content: text is joined into one string (what every OpenAI-compatible server accepts). */
export function encodeToolResultContent(parts: ReadonlyArray<TextPart | ImagePart | FilePart>): string | WirePart[] {
  if (parts.every((part) => part.type === 'text' && isPlainText(part))) {
    return parts.map((part) => (part as TextPart).text).join('\n\n');
  }
  return parts.map(encodeUserPart);
}
