// TEMPORARY (lead's local testing while codecs are being written) — replaced by the real registry.
import type { FormatId } from '../ir/index.js';
import { ProxyError } from '../shared/errors.js';
import { ERROR_ENCODERS } from './error-encoders.js';
import type { FormatEntry, FormatRegistry } from './format-registry.js';
import * as claude from './claude-messages/index.js';
import * as gemini from './gemini/index.js';
import * as openAiChat from './openai-chat/index.js';
import type { WireFormat } from './wire-format.js';

function placeholder(id: FormatId): FormatEntry {
  const fail = () => {
    throw new ProxyError(`translation for ${id} not built yet`, { status: 501, code: 'unsupported' });
  };
  const wire = { id, decodeRequest: fail, encodeRequest: fail, decodeResponse: fail, encodeResponse: fail, createStreamDecoder: fail, createStreamEncoder: fail, encodeError: ERROR_ENCODERS[id].encodeError, encodeStreamError: ERROR_ENCODERS[id].encodeStreamError } as unknown as WireFormat;
  let terminal = false;
  return {
    id,
    wire,
    errors: ERROR_ENCODERS[id],
    createUsageSniffer: () => ({ push: (event) => { if (/message_stop|response\.completed|finishReason/.test(event.data) || event.event === 'message_stop') terminal = true; }, usage: () => undefined, sawTerminal: () => terminal }),
    usageFromBody: () => undefined,
  };
}

export function createFormatRegistry(): FormatRegistry {
  return new Map<FormatId, FormatEntry>([
    ['openai-chat', { id: 'openai-chat', wire: openAiChat.openAiChatFormat, errors: ERROR_ENCODERS['openai-chat'], createUsageSniffer: openAiChat.createUsageSniffer, usageFromBody: openAiChat.usageFromBody }],
    ['openai-responses', placeholder('openai-responses')],
    ['claude-messages', { id: 'claude-messages', wire: claude.claudeMessagesFormat, errors: ERROR_ENCODERS['claude-messages'], createUsageSniffer: claude.createUsageSniffer, usageFromBody: claude.usageFromBody }],
    ['gemini', { id: 'gemini', wire: gemini.geminiFormat, errors: ERROR_ENCODERS.gemini, createUsageSniffer: gemini.createUsageSniffer, usageFromBody: gemini.usageFromBody, restoreToolName: gemini.restoreFunctionName }],
  ]);
}

export function createLegacyCompletionsEntry(registry: FormatRegistry): FormatEntry {
  const chat = registry.get('openai-chat')!;
  const legacy = openAiChat.legacyCompletions;
  return { ...chat, wire: { ...chat.wire, decodeRequest: (body) => legacy.decodeCompletionsRequest(body), encodeResponse: (response, context) => legacy.encodeCompletionsResponse(response, context), createStreamEncoder: (context) => legacy.createCompletionsStreamEncoder(context) } };
}
