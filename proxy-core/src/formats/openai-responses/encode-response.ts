/** `IrResponse` → a Responses `response` object (first candidate; Responses has no `n`). */
import type { IrResponse } from '../../ir/index.js';
import type { EncodeContext } from '../wire-format.js';
import { clientTools } from './client-tools.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { callItem, imageItem, type Item, messageItem, reasoningItem, responseObject } from './output-items.js';
import { encodeEncryptedContent } from './reasoning-carrier.js';

export function encodeResponse(response: IrResponse, context: EncodeContext): Item {
  const tools = clientTools(context.request);
  const candidate = response.candidates[0];
  const output: Item[] = [];
  const { status, incompleteDetails } = encodeFinishReason(candidate?.finishReason);
  let text: string | undefined;
  const flushText = () => {
    if (text !== undefined) output.push(messageItem(`msg_${context.requestId}_${output.length}`, text, status));
    text = undefined;
  };
  for (const part of candidate?.content ?? []) {
    switch (part.type) {
      case 'text':
        text = (text ?? '') + part.text;
        break;
      case 'reasoning':
        flushText();
        output.push(reasoningItem(`rs_${context.requestId}_${output.length}`, part.text, encodeEncryptedContent(part)));
        break;
      case 'tool-call':
        flushText();
        output.push(callItem(tools.call(part.name, part.arguments, part.kind), part.id, 'completed'));
        break;
      case 'generated-image':
        flushText();
        output.push(imageItem(`ig_${context.requestId}_${output.length}`, part.data));
        break;
    }
  }
  flushText();
  return responseObject(context, { status, output, usage: response.usage, incompleteDetails });
}
