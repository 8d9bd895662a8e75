import { isRecord } from './chat-extras.js';

export interface UpstreamErrorInfo {
  status: number;
  message: string;
}

/**
 * An `{"error": …}` object an OpenAI-compatible upstream sent in a 200 body or inside a stream. Its HTTP-like
 * status comes from a numeric `code`/`status` (OpenRouter style) or the error `type`; otherwise 502.
 */
export function readUpstreamError(error: unknown): UpstreamErrorInfo {
  if (!isRecord(error)) {
    return { status: 502, message: `The upstream reported an error: ${typeof error === 'string' ? error : JSON.stringify(error)}` };
  }
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : JSON.stringify(error);
  for (const candidate of [error.code, error.status]) {
    const status = typeof candidate === 'string' ? Number(candidate) : candidate;
    if (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599) return { status, message };
  }
  const type = typeof error.type === 'string' ? error.type : '';
  if (type.includes('rate_limit')) return { status: 429, message };
  if (type.includes('authentication')) return { status: 401, message };
  if (type.includes('permission')) return { status: 403, message };
  if (type.includes('invalid_request')) return { status: 400, message };
  return { status: 502, message };
}
