import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { CapturedBody, RequestCapture } from './request-capture.js';

/** Header names whose values are secrets whatever they look like. */
const SECRET_HEADER = /authorization|api[-_]?key|token|secret|password|cookie/i;

export interface LogOutcome {
  status: number;
  latencyMs: number;
  error?: string;
}

/** `Bearer sk-t…0001`: the scheme stays readable, the credential is masked. */
function maskHeader(value: string, mask: (value: string) => string): string {
  const scheme = /^(Bearer|Basic|token)\s+(.+)$/i.exec(value);
  return scheme ? `${scheme[1]} ${mask(scheme[2])}` : mask(value);
}

function headerLines(headers: IncomingHttpHeaders | OutgoingHttpHeaders | Record<string, string>, mask: (value: string) => string): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = String(item);
      lines.push(`${name}: ${SECRET_HEADER.test(name) ? maskHeader(text, mask) : text}`);
    }
  }
  return lines.join('\n');
}

function bodyText(body: CapturedBody): string {
  if (body.total === 0) return '(empty)';
  const text = Buffer.concat(body.chunks).toString('utf8');
  return body.total > body.kept ? `${text}\n[… cut: ${body.total - body.kept} more bytes of ${body.total} not kept (request-log-body-limit-kb)]` : text;
}

/**
 * The log file's text: sections in the order the request went (client request, each upstream attempt's request and
 * answer, the client answer), every part passed through `redact` and secret headers masked.
 */
export function formatRequestLog(capture: RequestCapture, outcome: LogOutcome, redact: (text: string) => string, mask: (value: string) => string): string {
  const parts: string[] = [
    '=== REQUEST INFO ===',
    `Request ID: ${capture.requestId}`,
    `Time: ${new Date(capture.startedAt).toISOString()}`,
    `${capture.method} ${capture.path}`,
    `Status: ${outcome.status}`,
    `Latency: ${outcome.latencyMs} ms`,
    ...(capture.clientKey ? [`Client key: ${capture.clientKey}`] : []),
    `Capture: ${capture.full ? 'full (request-log: true)' : 'error only (request-log: false)'}`,
  ];
  if (outcome.error) parts.push(`Error: ${outcome.error}`);
  if (capture.client) {
    parts.push('', '=== CLIENT REQUEST ===', headerLines(capture.client.headers, mask), '', bodyText(capture.client.body));
  }
  capture.attempts.forEach((attempt, index) => {
    const number = index + 1;
    parts.push('', `=== UPSTREAM REQUEST ${number} (${attempt.account}) ===`, `${attempt.method} ${attempt.url}`, headerLines(attempt.headers, mask), '', bodyText(attempt.body));
    parts.push('', `=== UPSTREAM RESPONSE ${number} ===`);
    if (attempt.status === undefined) parts.push('(no answer: the connection failed or was cancelled)');
    else {
      parts.push(`Status: ${attempt.status}`, headerLines(attempt.responseHeaders ?? {}, mask), '');
      parts.push(attempt.response.total === 0 && !capture.full && attempt.status < 400 ? '(not captured: request-log is off)' : bodyText(attempt.response));
    }
  });
  const response = capture.clientResponse;
  parts.push('', '=== CLIENT RESPONSE ===');
  if (response) parts.push(`Status: ${response.status || outcome.status}`, headerLines(response.headers, mask), '', bodyText(response.body));
  else parts.push(`Status: ${outcome.status}`, '(body not captured)');
  parts.push('');
  return redact(parts.join('\n'));
}
