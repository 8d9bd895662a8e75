/** Conversions between Chat's URL/base64 media conventions and the IR's `MediaSource`. */
import type { MediaSource } from '../../ir/index.js';

const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

/** `data:<type>;base64,<data>` → its parts; `undefined` for anything else (including non-base64 data URLs). */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^,;]*)((?:;[^,;]*)*),(.*)$/s.exec(url);
  if (match === null) return undefined;
  const flags = match[2].split(';').map((flag) => flag.trim().toLowerCase());
  if (!flags.includes('base64')) return undefined;
  return { mediaType: match[1].trim() === '' ? DEFAULT_MEDIA_TYPE : match[1].trim(), data: match[3] };
}

export function toDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}

/** An image or video URL as an IR source: data URLs become base64, everything else stays a URL. */
export function sourceFromUrl(url: string): MediaSource {
  const inline = parseDataUrl(url);
  return inline === undefined ? { kind: 'url', url } : { kind: 'base64', mediaType: inline.mediaType, data: inline.data };
}

/** An IR source as a URL (base64 as a data URL); `undefined` for file ids, which have no URL form. */
export function urlFromSource(source: MediaSource): string | undefined {
  if (source.kind === 'base64') return toDataUrl(source.mediaType, source.data);
  if (source.kind === 'url') return source.url;
  return undefined;
}

const EXTENSION_MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  xml: 'application/xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Media type from a filename's extension (used for bare-base64 `file_data`), `undefined` when unknown. */
export function mediaTypeFromFilename(filename: string | undefined): string | undefined {
  const extension = filename?.split('.').pop()?.toLowerCase();
  return extension === undefined ? undefined : EXTENSION_MEDIA_TYPES[extension];
}

/** `input_audio.format` → media type (the reference's table for Chat → Gemini). */
export function audioMediaType(format: string): string {
  switch (format.toLowerCase()) {
    case '':
    case 'wav':
      return 'audio/wav';
    case 'mp3':
      return 'audio/mpeg';
    case 'pcm16':
      return 'audio/pcm';
    case 'g711_ulaw':
    case 'g711_alaw':
      return 'audio/basic';
    default:
      return `audio/${format.toLowerCase()}`;
  }
}

/** Media type → `input_audio.format` (inverse of `audioMediaType` for the common formats). */
export function audioFormat(mediaType: string): string {
  const subtype = mediaType.toLowerCase().replace(/^audio\//, '').split(';')[0];
  switch (subtype) {
    case 'mpeg':
    case 'mp3':
      return 'mp3';
    case 'wav':
    case 'x-wav':
    case 'wave':
      return 'wav';
    case 'pcm':
      return 'pcm16';
    default:
      return subtype;
  }
}
