import { randomUUID } from 'node:crypto';
import { claudeMessagesFormat } from '../../formats/claude-messages/index.js';
import type { IrRequest, Message, ToolResultPart } from '../../ir/index.js';
import { kiroModelId } from './models.js';

/**
 * Our IR → the CodeWhisperer `generateAssistantResponse` body. Shape and limits from the reference fork:
 * [PP] pkg/llmproxy/translator/kiro/claude/kiro_claude_request.go (`KiroPayload`, `BuildKiroPayload`,
 * `processMessages`) and translator/kiro/common/constants.go:
 *   {conversationState: {chatTriggerType: "MANUAL", conversationId, currentMessage: {userInputMessage},
 *    history: [{userInputMessage} | {assistantResponseMessage}]}, profileArn, inferenceConfig}
 * CodeWhisperer has no system field: the system prompt is folded into the first user turn. The last turn
 * must be the user's; empty contents become "." / "Tool results provided." / "Continue".
 */

export const MAX_TOOL_DESCRIPTION_LENGTH = 10_237;
const ORIGIN = 'AI_EDITOR';
const THINKING_PREFIX = '<thinking_mode>enabled</thinking_mode>\n<max_thinking_length>16000</max_thinking_length>';

interface KiroImage {
  format: string;
  source: { bytes: string };
}
interface KiroToolResult {
  content: Array<{ text: string }>;
  status: 'success' | 'error';
  toolUseId: string;
}
interface KiroUserInput {
  content: string;
  modelId: string;
  origin: string;
  images?: KiroImage[];
  userInputMessageContext?: { toolResults?: KiroToolResult[]; tools?: unknown[] };
}
interface KiroAssistantResponse {
  content: string;
  toolUses?: Array<{ toolUseId: string; name: string; input: unknown }>;
}
type Turn = { role: 'user'; text: string[]; images: KiroImage[]; results: KiroToolResult[] } | { role: 'assistant'; text: string[]; toolUses: NonNullable<KiroAssistantResponse['toolUses']> };

export interface KiroRequestOptions {
  model: string;
  profileArn?: string;
  conversationId?: string;
}

function parseArguments(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return value && typeof value === 'object' ? value : { input: value };
  } catch {
    return { input: text };
  }
}

function toolResult(part: ToolResultPart): KiroToolResult {
  const text = part.content.map((item) => (item.type === 'text' ? item.text : `[${item.type} omitted]`)).join('\n');
  return { content: [{ text: text || '(empty result)' }], status: part.isError ? 'error' : 'success', toolUseId: part.toolCallId };
}

/** Messages → alternating user / assistant turns (tool results ride on the next user turn). */
function toTurns(messages: readonly Message[]): Turn[] {
  const turns: Turn[] = [];
  const userTurn = () => {
    const last = turns.at(-1);
    if (last?.role === 'user') return last;
    const turn: Turn = { role: 'user', text: [], images: [], results: [] };
    turns.push(turn);
    return turn;
  };
  const assistantTurn = () => {
    const last = turns.at(-1);
    if (last?.role === 'assistant') return last;
    const turn: Turn = { role: 'assistant', text: [], toolUses: [] };
    turns.push(turn);
    return turn;
  };
  for (const message of messages) {
    if (message.role === 'assistant') {
      const turn = assistantTurn();
      for (const part of message.content) {
        if (part.type === 'text' && part.text) turn.text.push(part.text);
        if (part.type === 'tool-call') turn.toolUses.push({ toolUseId: part.id, name: part.name, input: parseArguments(part.arguments) });
      }
    } else if (message.role === 'tool') {
      userTurn().results.push(...message.content.map(toolResult));
    } else {
      const turn = userTurn();
      for (const part of message.content) {
        if (part.type === 'text' && part.text) turn.text.push(part.text);
        else if (part.type === 'image' && part.source.kind === 'base64') turn.images.push({ format: part.source.mediaType.replace(/^image\//, ''), source: { bytes: part.source.data } });
      }
    }
  }
  return turns;
}

function tools(request: IrRequest): unknown[] {
  return (request.tools ?? []).flatMap((tool) => {
    if (tool.type !== 'function') return [];
    const description = (tool.description?.trim() || tool.name).slice(0, MAX_TOOL_DESCRIPTION_LENGTH);
    return [{ toolSpecification: { name: tool.name, description, inputSchema: { json: tool.inputSchema } } }];
  });
}

function thinkingRequested(request: IrRequest): boolean {
  const reasoning = request.reasoning;
  if (!reasoning || reasoning.mode === 'none') return false;
  return reasoning.mode !== 'budget' || reasoning.budgetTokens > 0;
}

export function buildKiroPayload(request: IrRequest, options: KiroRequestOptions): Record<string, unknown> {
  const modelId = kiroModelId(options.model);
  const turns = toTurns(request.messages.filter((message) => message.role !== 'system'));
  if (turns.at(-1)?.role !== 'user') turns.push({ role: 'user', text: ['Continue'], images: [], results: [] });
  const systemParts = [...request.system.map((part) => part.text), ...request.messages.flatMap((message) => (message.role === 'system' ? message.content.map((part) => part.text) : []))].filter(Boolean);
  const system = [thinkingRequested(request) ? THINKING_PREFIX : '', systemParts.join('\n')].filter(Boolean).join('\n\n');

  const userInput = (turn: Extract<Turn, { role: 'user' }>, first: boolean): KiroUserInput => {
    let content = turn.text.join('\n');
    if (first && system) content = content ? `${system}\n\n${content}` : system;
    const message: KiroUserInput = { content: content || (turn.results.length > 0 ? 'Tool results provided.' : '.'), modelId, origin: ORIGIN };
    if (turn.images.length > 0) message.images = turn.images;
    if (turn.results.length > 0) message.userInputMessageContext = { toolResults: turn.results };
    return message;
  };

  const history = turns.slice(0, -1).map((turn, index) =>
    turn.role === 'user'
      ? { userInputMessage: userInput(turn, index === 0) }
      : { assistantResponseMessage: { content: turn.text.join('') || '.', ...(turn.toolUses.length > 0 ? { toolUses: turn.toolUses } : {}) } },
  );
  const current = userInput(turns.at(-1) as Extract<Turn, { role: 'user' }>, turns.length === 1);
  const specs = tools(request);
  if (specs.length > 0) current.userInputMessageContext = { ...current.userInputMessageContext, tools: specs };

  const inferenceConfig: Record<string, number> = {};
  if (request.maxOutputTokens && request.maxOutputTokens > 0) inferenceConfig.maxTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) inferenceConfig.temperature = request.temperature;
  if (request.topP !== undefined) inferenceConfig.topP = request.topP;

  return {
    conversationState: {
      chatTriggerType: 'MANUAL',
      conversationId: options.conversationId ?? randomUUID(),
      currentMessage: { userInputMessage: current },
      ...(history.length > 0 ? { history } : {}),
    },
    ...(options.profileArn ? { profileArn: options.profileArn } : {}),
    ...(Object.keys(inferenceConfig).length > 0 ? { inferenceConfig } : {}),
  };
}

/** The provider receives a Claude Messages body (its declared format); decode it and build the Kiro payload. */
export function kiroPayloadFromClaudeBody(body: Buffer, options: KiroRequestOptions): Record<string, unknown> {
  const request = claudeMessagesFormat.decodeRequest(JSON.parse(body.toString('utf8')));
  return buildKiroPayload(request, options);
}
