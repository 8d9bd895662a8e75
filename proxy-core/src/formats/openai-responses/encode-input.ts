/**
 * IR conversation → Responses `input` items for an upstream (OpenAI, Codex).
 *
 * System text becomes `developer` messages — what Codex CLI itself sends, and what the ChatGPT backend
 * accepts where `instructions` is reserved; mid-conversation system messages stay in place the same way.
 * Reasoning is replayed only with OpenAI's own `encrypted_content` (the upstream cannot verify anything
 * else, and with `store: false` an item id alone refers to nothing).
 */
import type { AssistantContentPart, FilePart, ImagePart, IrRequest, Message, TextPart, ToolResultPart } from '../../ir/index.js';
import { toDataUrl, urlFromSource } from '../openai-chat/media-source.js';
import { upstreamEncryptedContent } from './reasoning-carrier.js';

type Item = Record<string, unknown>;

function inputPart(part: TextPart | ImagePart | FilePart): Item | undefined {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  if (part.type === 'image') {
    const image: Item = { type: 'input_image' };
    if (part.source.kind === 'file-id') image.file_id = part.source.fileId;
    else image.image_url = urlFromSource(part.source);
    image.detail = part.detail ?? 'auto';
    return image;
  }
  const file: Item = { type: 'input_file' };
  if (part.source.kind === 'base64') file.file_data = toDataUrl(part.source.mediaType, part.source.data);
  else if (part.source.kind === 'url') file.file_url = part.source.url;
  else file.file_id = part.source.fileId;
  if (part.filename !== undefined) file.filename = part.filename;
  else if (part.source.kind === 'base64') file.filename = 'file';
  return file;
}

function developerMessage(parts: readonly TextPart[]): Item {
  return { type: 'message', role: 'developer', content: parts.map((part) => ({ type: 'input_text', text: part.text })) };
}

function toolOutput(result: ToolResultPart, customCalls: ReadonlySet<string>): Item {
  const onlyText = result.content.every((part) => part.type === 'text');
  const output = onlyText
    ? result.content.map((part) => (part as TextPart).text).join('\n')
    : result.content.map(inputPart).filter((part) => part !== undefined);
  const type = customCalls.has(result.toolCallId) ? 'custom_tool_call_output' : 'function_call_output';
  return { type, call_id: result.toolCallId, output };
}

function assistantItems(content: readonly AssistantContentPart[], customCalls: Set<string>, out: Item[]) {
  let text: Item[] = [];
  const flushText = () => {
    if (text.length > 0) out.push({ type: 'message', role: 'assistant', content: text });
    text = [];
  };
  for (const part of content) {
    switch (part.type) {
      case 'text':
        text.push({ type: 'output_text', text: part.text, annotations: [] });
        break;
      case 'reasoning': {
        const encrypted = upstreamEncryptedContent(part.signature);
        if (encrypted === undefined) break;
        flushText();
        const item: Item = { type: 'reasoning', summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }], encrypted_content: encrypted };
        if (part.itemId !== undefined) item.id = part.itemId;
        out.push(item);
        break;
      }
      case 'tool-call':
        flushText();
        if (part.kind === 'custom') {
          customCalls.add(part.id);
          out.push({ type: 'custom_tool_call', call_id: part.id, name: part.name, input: part.arguments });
        } else out.push({ type: 'function_call', call_id: part.id, name: part.name, arguments: part.arguments });
        break;
      case 'generated-image':
        // An image the model made cannot be sent back as assistant output; it is context the user saw.
        break;
    }
  }
  flushText();
}

function messageItems(message: Message, customCalls: Set<string>, out: Item[]) {
  switch (message.role) {
    case 'system':
      out.push(developerMessage(message.content));
      break;
    case 'user':
      out.push({ type: 'message', role: 'user', content: message.content.map(inputPart).filter((part) => part !== undefined) });
      break;
    case 'assistant':
      assistantItems(message.content, customCalls, out);
      break;
    case 'tool':
      for (const result of message.content) out.push(toolOutput(result, customCalls));
      break;
  }
}

export function encodeInput(request: IrRequest): Item[] {
  const items: Item[] = [];
  if (request.system.length > 0) items.push(developerMessage(request.system));
  const customCalls = new Set<string>();
  for (const message of request.messages) messageItems(message, customCalls, items);
  return items;
}
