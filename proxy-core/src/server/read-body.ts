import type { IncomingMessage } from 'node:http';
import { ProxyError } from '../shared/errors.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../shared/json-depth.js';

/** Reads the request body, refusing more than `limit` bytes with a 413 before buffering it all. */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(declared, limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(size, limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', (error) => reject(new ProxyError(`Could not read the request body: ${error.message}`, { status: 400, code: 'invalid_request' })));
  });
}

export function tooDeep(): ProxyError {
  return new ProxyError(`The request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep; no real request does. Flatten the tool schema or value that nests this deep.`, {
    status: 400,
    code: 'invalid_request',
  });
}

function tooLarge(size: number, limit: number): ProxyError {
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return new ProxyError(
    `The request body is ${size > limit ? 'larger than' : ''} ${mib(size)}; this proxy accepts at most ${mib(limit)} (request-body-limit-mb in config.yaml).`,
    { status: 413, code: 'body_too_large' },
  );
}

/** Parses a JSON object body; a 400 that says where the JSON broke. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) throw new ProxyError('The request body is empty; send a JSON object.', { status: 400, code: 'invalid_json' });
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ProxyError(`The request body is not valid JSON (${(error as Error).message}).`, { status: 400, code: 'invalid_json' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProxyError('The request body must be a JSON object.', { status: 400, code: 'invalid_json' });
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH, raw.length)) throw tooDeep();
  return value as Record<string, unknown>;
}
