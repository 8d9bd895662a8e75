/** A Responses `response` object from an upstream → `IrResponse`. */
import type { IrResponse } from '../../ir/index.js';
import { fallbackCallId } from '../openai-chat/call-ids.js';
import { decodeOutputItem } from './decode-output.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './map-usage.js';
import { isRecord } from './responses-extras.js';
import { parseLenient, responseSchema } from './schema.js';

export function decodeResponse(body: unknown): IrResponse {
  // Codex-style bodies may arrive as the terminal event (`{type, response}`); read the response inside.
  const raw = isRecord(body) && isRecord(body.response) && body.output === undefined ? body.response : body;
  const response = parseLenient(responseSchema, raw) ?? {};
  const content = (response.output ?? []).flatMap((item, index) => decodeOutputItem(item, fallbackCallId(response.id ?? undefined, 0, index)));
  const hasToolCalls = content.some((part) => part.type === 'tool-call');
  const result: IrResponse = {
    model: response.model ?? '',
    candidates: [{ index: 0, content, finishReason: decodeFinishReason(response.status, response.incomplete_details?.reason, hasToolCalls) }],
  };
  if (response.id) result.id = response.id;
  if (response.created_at != null) result.created = response.created_at;
  const usage = decodeUsage(response.usage);
  if (usage) result.usage = usage;
  return result;
}
