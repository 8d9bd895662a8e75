/** The four wire formats the proxy speaks, each with its error shape and passthrough usage reader. */
import type { FormatId } from '../ir/index.js';
import { ERROR_ENCODERS } from './error-encoders.js';
import type { FormatEntry, FormatRegistry } from './format-registry.js';
import * as claude from './claude-messages/index.js';
import * as gemini from './gemini/index.js';
import * as openAiChat from './openai-chat/index.js';
import * as openAiResponses from './openai-responses/index.js';
import { OPENAI_TOOL_NAMES } from './shared/tool-name-rules.js';

export function createFormatRegistry(): FormatRegistry {
  return new Map<FormatId, FormatEntry>([
    [
      'openai-chat',
      {
        id: 'openai-chat',
        wire: openAiChat.openAiChatFormat,
        errors: ERROR_ENCODERS['openai-chat'],
        createUsageSniffer: openAiChat.createUsageSniffer,
        usageFromBody: openAiChat.usageFromBody,
        toolNames: OPENAI_TOOL_NAMES,
        restoreToolName: OPENAI_TOOL_NAMES.restore,
      },
    ],
    [
      'openai-responses',
      {
        id: 'openai-responses',
        wire: openAiResponses.openAiResponsesFormat,
        errors: ERROR_ENCODERS['openai-responses'],
        createUsageSniffer: openAiResponses.createUsageSniffer,
        usageFromBody: openAiResponses.usageFromBody,
        toolNames: OPENAI_TOOL_NAMES,
        restoreToolName: OPENAI_TOOL_NAMES.restore,
      },
    ],
    ['claude-messages', { id: 'claude-messages', wire: claude.claudeMessagesFormat, errors: ERROR_ENCODERS['claude-messages'], createUsageSniffer: claude.createUsageSniffer, usageFromBody: claude.usageFromBody }],
    [
      'gemini',
      {
        id: 'gemini',
        wire: gemini.createGeminiFormat(),
        errors: ERROR_ENCODERS.gemini,
        createUsageSniffer: gemini.createUsageSniffer,
        usageFromBody: gemini.usageFromBody,
        restoreToolName: gemini.restoreFunctionName,
        passthroughBody: gemini.passthroughBody,
      },
    ],
  ]);
}

export function createLegacyCompletionsEntry(registry: FormatRegistry): FormatEntry {
  const chat = registry.get('openai-chat')!;
  const legacy = openAiChat.legacyCompletions;
  return { ...chat, wire: { ...chat.wire, decodeRequest: (body) => legacy.decodeCompletionsRequest(body), encodeResponse: (response, context) => legacy.encodeCompletionsResponse(response, context), createStreamEncoder: (context) => legacy.createCompletionsStreamEncoder(context) } };
}
