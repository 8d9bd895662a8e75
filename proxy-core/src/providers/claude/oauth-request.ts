import { createHash, randomUUID } from 'node:crypto';
import type { UpstreamCall, UpstreamHttpRequest } from '../provider-definition.js';
import { joinUrl } from '../forward-headers.js';
import { CLAUDE_CODE_BETAS, CLAUDE_CODE_IDENTITY, CLAUDE_CODE_USER_AGENT } from './oauth-endpoints.js';

/** Claude Code's own client headers (kept as they are when the client is Claude Code). */
const CLAUDE_CODE_CLIENT_HEADERS = /^(x-stainless-|x-claude-code-|x-client-request-id$|x-app$)/;

const STAINLESS: Record<string, string> = {
  'x-stainless-lang': 'js',
  'x-stainless-package-version': '0.94.0',
  'x-stainless-runtime': 'node',
  'x-stainless-runtime-version': 'v26.3.0',
  'x-stainless-os': 'MacOS',
  'x-stainless-arch': 'arm64',
  'x-stainless-retry-count': '0',
  'x-stainless-timeout': '600',
};

function header(call: UpstreamCall, name: string): string | undefined {
  const value = call.clientHeaders[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** True when the request comes from Claude Code itself (its body already has Claude Code's shape). */
export function fromClaudeCode(call: UpstreamCall): boolean {
  return /^claude-cli\//.test(header(call, 'user-agent') ?? '');
}

/** The client's betas (header and a body `betas` array) plus the ones OAuth traffic needs, each once. */
function betas(call: UpstreamCall, bodyBetas: readonly string[]): string {
  const list: string[] = [...CLAUDE_CODE_BETAS];
  if (/\[1m\]$/.test(call.model)) list.push('context-1m-2025-08-07');
  for (const value of [...(header(call, 'anthropic-beta') ?? '').split(','), ...bodyBetas]) {
    const beta = value.trim();
    if (beta && !list.includes(beta)) list.push(beta);
  }
  return list.join(',');
}

/**
 * The body for an OAuth token: Anthropic accepts subscription tokens only for Claude Code-shaped requests, so
 * traffic from other clients gets Claude Code's identity as the first system block and a `metadata.user_id`
 * (the reference's "cloaking"). A body-level `betas` array moves to the header. Claude Code's own requests
 * pass unchanged.
 */
function shapeBody(call: UpstreamCall): { body: Buffer; bodyBetas: string[] } {
  if (fromClaudeCode(call) || call.operation === 'count-tokens') return { body: call.body, bodyBetas: [] };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(call.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return { body: call.body, bodyBetas: [] };
  }
  const bodyBetas = Array.isArray(parsed.betas) ? parsed.betas.filter((item): item is string => typeof item === 'string') : [];
  delete parsed.betas;
  const system = typeof parsed.system === 'string' ? [{ type: 'text', text: parsed.system }] : Array.isArray(parsed.system) ? (parsed.system as Array<Record<string, unknown>>) : [];
  if (!system.some((block) => typeof block.text === 'string' && block.text.startsWith(CLAUDE_CODE_IDENTITY))) {
    parsed.system = [{ type: 'text', text: CLAUDE_CODE_IDENTITY }, ...system];
  }
  const metadata = (parsed.metadata && typeof parsed.metadata === 'object' ? parsed.metadata : {}) as Record<string, unknown>;
  if (typeof metadata.user_id !== 'string') {
    const account = call.account?.attributes ?? {};
    const deviceId = account.deviceId ?? createHash('sha256').update(`cliproxy-device:${call.credential.id}`).digest('hex');
    parsed.metadata = { ...metadata, user_id: JSON.stringify({ device_id: deviceId, account_uuid: account.accountUuid ?? '', session_id: randomUUID() }) };
  }
  return { body: Buffer.from(JSON.stringify(parsed)), bodyBetas };
}

/** A Claude Code subscription request: Bearer token, `?beta=true`, Claude Code's headers and betas. */
export function buildClaudeOAuthRequest(call: UpstreamCall): UpstreamHttpRequest {
  const base = call.credential.baseUrl ?? call.credential.account?.endpoints.api ?? 'https://api.anthropic.com';
  const path = call.operation === 'count-tokens' ? '/v1/messages/count_tokens' : '/v1/messages';
  const { body, bodyBetas } = shapeBody(call);
  const claudeCode = fromClaudeCode(call);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: call.stream ? 'text/event-stream' : 'application/json',
    authorization: `Bearer ${call.token}`,
    'anthropic-version': '2023-06-01',
    'anthropic-beta': betas(call, bodyBetas),
    'anthropic-dangerous-direct-browser-access': 'true',
    'user-agent': claudeCode ? header(call, 'user-agent')! : CLAUDE_CODE_USER_AGENT,
    'x-app': 'cli',
  };
  if (claudeCode) {
    for (const [name, value] of Object.entries(call.clientHeaders)) {
      if (CLAUDE_CODE_CLIENT_HEADERS.test(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  } else Object.assign(headers, STAINLESS, { 'x-claude-code-session-id': randomUUID() });
  Object.assign(headers, call.credential.headers);
  return { url: `${joinUrl(base, path)}?beta=true`, method: 'POST', headers, body };
}
