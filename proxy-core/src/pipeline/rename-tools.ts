/**
 * Tool names an upstream would reject (OpenAI: `[A-Za-z0-9_-]{1,64}`) are renamed in the IR before it is
 * encoded — definitions, tool choice, calls and results in the history alike — so one map covers the whole
 * request. The pipeline's restorer maps the upstream's names in answers back with the same rules.
 */
import { toolNamesIn, type ToolNameCodec } from '../formats/shared/tool-name-rules.js';
import type { IrRequest, Message } from '../ir/index.js';

export function renameTools(request: IrRequest, codec: ToolNameCodec): IrRequest {
  const names = codec.map(toolNamesIn(request));
  if ([...names].every(([original, renamed]) => original === renamed)) return request;
  const nameOf = (name: string) => names.get(name) ?? codec.sanitize(name);
  const messages = request.messages.map((message): Message => {
    if (message.role === 'assistant') return { ...message, content: message.content.map((part) => (part.type === 'tool-call' ? { ...part, name: nameOf(part.name) } : part)) };
    if (message.role === 'tool') return { ...message, content: message.content.map((part) => (part.toolName === undefined ? part : { ...part, toolName: nameOf(part.toolName) })) };
    return message;
  });
  const result: IrRequest = { ...request, messages };
  if (request.tools) result.tools = request.tools.map((tool) => (tool.type === 'builtin' ? tool : { ...tool, name: nameOf(tool.name) }));
  if (request.toolChoice?.type === 'tool') result.toolChoice = { type: 'tool', name: nameOf(request.toolChoice.name) };
  return result;
}
