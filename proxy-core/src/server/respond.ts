import type { ServerResponse } from 'node:http';
import { ERROR_ENCODERS } from '../formats/error-encoders.js';
import type { FormatId } from '../ir/index.js';
import type { ProxyError } from '../shared/errors.js';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** An error in the caller's own format; if a stream already started, it goes in-band instead. */
export function sendError(res: ServerResponse, format: FormatId, error: ProxyError): void {
  const encoder = ERROR_ENCODERS[format];
  if (res.headersSent) {
    if (!res.writableEnded) {
      for (const event of encoder.encodeStreamError(error)) res.write(event.event ? `event: ${event.event}\ndata: ${event.data}\n\n` : `data: ${event.data}\n\n`);
      res.end();
    }
    return;
  }
  const encoded = encoder.encodeError(error);
  sendJson(res, encoded.status, encoded.body, encoded.headers);
}
