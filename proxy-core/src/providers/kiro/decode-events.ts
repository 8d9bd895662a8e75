import type { StreamPart, Usage } from '../../ir/index.js';
import type { EventStreamMessage } from './event-stream-decoder.js';

/**
 * Kiro event-stream messages → IR stream parts. Event types and payloads from the reference fork
 * ([PP] pkg/llmproxy/executor/kiro_streaming.go, translator/kiro/claude/kiro_claude_tools.go):
 *   assistantResponseEvent {content}          text delta
 *   reasoningContentEvent {text}               thinking delta
 *   toolUseEvent {toolUseId, name, input, stop} input fragments (string) concatenated; an object replaces
 *   messageStopEvent {stopReason}
 *   metadataEvent / messageMetadataEvent {tokenUsage{uncachedInputTokens, outputTokens, cacheReadInputTokens, …}}
 *   meteringEvent {unit, usage}               billing credits (reported, not tokens)
 *   `:message-type: exception` / `error`, or an `invalidStateEvent`, or a payload with `_type` …Exception → error
 */
export interface KiroEventDecoder {
  push(message: EventStreamMessage): StreamPart[];
  flush(): StreamPart[];
  /** Credits the upstream metered for this answer (Kiro bills in credits, not tokens). */
  credits(): number;
}

type Json = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function parsePayload(message: EventStreamMessage): Json | undefined {
  if (message.payload.length === 0) return {};
  try {
    const value: unknown = JSON.parse(Buffer.from(message.payload).toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

export function createKiroEventDecoder(): KiroEventDecoder {
  const parts: StreamPart[] = [];
  let open: { kind: 'text' | 'reasoning'; id: string } | undefined;
  let tool: { id: string; name: string; input: string; replaced?: string } | undefined;
  let blocks = 0;
  let sawTool = false;
  let stopReason: string | undefined;
  let usage: Usage | undefined;
  let credits = 0;
  let failed = false;

  const closeOpen = () => {
    if (!open) return;
    parts.push(open.kind === 'text' ? { type: 'text-end', id: open.id } : { type: 'reasoning-end', id: open.id });
    open = undefined;
  };
  const delta = (kind: 'text' | 'reasoning', text: string) => {
    if (!text) return;
    if (open?.kind !== kind) {
      closeOpen();
      closeTool();
      open = { kind, id: `${kind}-${blocks++}` };
      parts.push(kind === 'text' ? { type: 'text-start', id: open.id } : { type: 'reasoning-start', id: open.id });
    }
    parts.push(kind === 'text' ? { type: 'text-delta', id: open.id, delta: text } : { type: 'reasoning-delta', id: open.id, delta: text });
  };
  const closeTool = () => {
    if (!tool) return;
    const args = tool.replaced ?? (tool.input || '{}');
    parts.push({ type: 'tool-input-end', id: tool.id }, { type: 'tool-call', id: tool.id, name: tool.name, arguments: args });
    tool = undefined;
  };
  const toolEvent = (payload: Json) => {
    const id = str(payload.toolUseId) ?? tool?.id;
    if (!id) return;
    if (tool && tool.id !== id) closeTool();
    if (!tool) {
      closeOpen();
      tool = { id, name: str(payload.name) ?? 'tool', input: '' };
      sawTool = true;
      parts.push({ type: 'tool-input-start', id, name: tool.name });
    }
    const input = payload.input;
    if (typeof input === 'string' && input) {
      tool.input += input;
      parts.push({ type: 'tool-input-delta', id, delta: input });
    } else if (input && typeof input === 'object') {
      tool.replaced = JSON.stringify(input);
      if (!tool.input) parts.push({ type: 'tool-input-delta', id, delta: tool.replaced });
    }
    if (payload.stop === true) closeTool();
  };
  const fail = (message: string, code?: string) => {
    closeOpen();
    closeTool();
    failed = true;
    const status = /throttl/i.test(code ?? message) ? 429 : /validation|improperly formed/i.test(`${code ?? ''} ${message}`) ? 400 : 502;
    parts.push({ type: 'error', status, message: `Kiro: ${message}`, code: status === 400 ? 'invalid_request' : 'upstream_error' });
  };
  const readUsage = (payload: Json) => {
    const tokens = (payload.tokenUsage ?? payload.usage) as Json | undefined;
    if (!tokens || typeof tokens !== 'object') return;
    const uncached = num(tokens.uncachedInputTokens) ?? num(tokens.inputTokens) ?? 0;
    const cacheRead = num(tokens.cacheReadInputTokens) ?? 0;
    const cacheWrite = num(tokens.cacheWriteInputTokens) ?? 0;
    const output = num(tokens.outputTokens) ?? 0;
    usage = { inputTokens: uncached + cacheRead + cacheWrite, outputTokens: output, ...(cacheRead ? { cachedInputTokens: cacheRead } : {}), ...(cacheWrite ? { cacheCreationTokens: cacheWrite } : {}) };
  };

  return {
    push(message) {
      parts.length = 0;
      if (failed) return [];
      const messageType = str(message.headers[':message-type']) ?? 'event';
      const payload = parsePayload(message);
      if (messageType === 'exception' || messageType === 'error') {
        const kind = str(message.headers[':exception-type']) ?? str(message.headers[':error-code']) ?? messageType;
        fail(`${kind}: ${str(payload?.message) ?? str(message.headers[':error-message']) ?? 'the upstream reported an error'}`, kind);
        return [...parts];
      }
      if (!payload) return [];
      const type = str(message.headers[':event-type']) ?? '';
      const vendorType = str(payload._type);
      if (vendorType && /Exception$/.test(vendorType)) {
        fail(`${vendorType.replace(/^.*#/, '')}: ${str(payload.message) ?? 'the upstream reported an error'}`, vendorType);
        return [...parts];
      }
      switch (type) {
        case 'assistantResponseEvent':
          delta('text', str(payload.content) ?? '');
          break;
        case 'reasoningContentEvent':
          delta('reasoning', str(payload.text) ?? str(payload.reasoningText) ?? '');
          break;
        case 'toolUseEvent':
          toolEvent(payload);
          break;
        case 'messageStopEvent':
          stopReason = str(payload.stopReason) ?? stopReason;
          break;
        case 'metadataEvent':
        case 'messageMetadataEvent':
        case 'usageEvent':
          readUsage(payload);
          break;
        case 'meteringEvent':
          credits += num(payload.usage) ?? 0;
          break;
        case 'invalidStateEvent':
        case 'error':
        case 'exception':
        case 'internalServerException':
          fail(`${str(payload.reason) ?? type}: ${str(payload.message) ?? 'the upstream reported an error'}`, type);
          break;
        default:
          break; // followupPromptEvent, supplementaryWebLinksEvent, contextUsageEvent…: nothing for clients
      }
      return [...parts];
    },
    flush() {
      parts.length = 0;
      if (failed) return [];
      closeOpen();
      closeTool();
      if (usage) parts.push({ type: 'usage', usage });
      const unified = stopReason && /max_tokens|length/i.test(stopReason) ? 'length' : sawTool ? 'tool-calls' : 'stop';
      parts.push({ type: 'finish', finishReason: { unified, ...(stopReason ? { raw: stopReason } : {}) }, ...(usage ? { usage } : {}) });
      return [...parts];
    },
    credits: () => credits,
  };
}
