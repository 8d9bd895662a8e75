/**
 * The legacy `/v1/completions` client surface, answered by chat models.
 *
 * Request: `prompt` (a string, or an array of strings → one user message each), `max_tokens`,
 * `temperature`, `top_p`, `stop`, `n`, `seed`, penalties, `user`, `stream`, `stream_options`. Options a chat
 * model cannot honour are rejected with a 400 rather than silently ignored, but only when the client set a
 * non-default value: `suffix` (fill-in-the-middle) non-empty, `echo: true`, any `logprobs` number,
 * `best_of` > 1, and token-id prompts. Other unknown fields are dropped: they are not Chat fields, and the
 * decoded request is tagged `openai-chat`, whose extras a Chat upstream would receive verbatim.
 *
 * Response: `{id:"cmpl-…", object:"text_completion", created, model, choices:[{text, index, logprobs:null,
 * finish_reason}], usage}`; streams send the same object per text delta, a finish chunk per choice, a
 * usage-only chunk when `stream_options.include_usage` was asked for, then `[DONE]`.
 */
import { z } from 'zod';
import type { IrRequest, IrResponse, Message, StreamPart, Usage } from '../../ir/index.js';
import { invalidRequest } from '../../shared/errors.js';
import type { EncodeContext, SseEvent, StreamEncoder } from '../wire-format.js';
import { includeUsageRequested } from './decode-request.js';
import { encodeStreamError } from './encode-error.js';
import { errorFromPart } from './encode-stream.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { encodeUsage } from './map-usage.js';
import { parseAt } from './schema.js';

const positiveInteger = z.number().int({ error: 'must be a whole number' }).positive({ error: 'must be at least 1' }).nullish();
const numberOrNull = z.number({ error: 'must be a number' }).nullish();

const completionsRequestSchema = z.looseObject({
  model: z.string({ error: 'is required: name the model to use' }).min(1, { error: 'must not be empty' }),
  prompt: z.union([z.string(), z.array(z.string())], {
    error: 'must be a string or an array of strings (token-id prompts are not supported by this proxy)',
  }),
  max_tokens: positiveInteger,
  temperature: numberOrNull,
  top_p: numberOrNull,
  stop: z.union([z.string(), z.array(z.string())], { error: 'must be a string or an array of strings' }).nullish(),
  n: positiveInteger,
  seed: z.number().int({ error: 'must be a whole number' }).nullish(),
  presence_penalty: numberOrNull,
  frequency_penalty: numberOrNull,
  user: z.string().nullish(),
  stream: z.boolean({ error: 'must be true or false' }).nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  suffix: z.string().nullish(),
  echo: z.boolean().nullish(),
  logprobs: z.number().int().nullish(),
  best_of: z.number().int().nullish(),
});

function reject(param: string, message: string): never {
  throw invalidRequest(`\`${param}\` ${message}`, { param });
}

export function decodeCompletionsRequest(body: unknown): IrRequest {
  const request = parseAt(completionsRequestSchema, body, []);
  if (request.suffix) {
    reject('suffix', 'is not supported: this endpoint is served by chat models, which cannot fill in the middle. Remove `suffix`.');
  }
  if (request.echo === true) reject('echo', 'is not supported: the prompt cannot be echoed back by a chat model. Remove `echo` or set it to false.');
  if (request.logprobs != null) reject('logprobs', 'is not supported: log probabilities are not available through this proxy. Remove `logprobs`.');
  if (request.best_of != null && request.best_of > 1) reject('best_of', 'is not supported: use `n` to get several completions.');

  const prompts = typeof request.prompt === 'string' ? [request.prompt] : request.prompt;
  if (prompts.length === 0) reject('prompt', 'must contain at least one string.');
  const messages: Message[] = prompts.map((text) => ({ role: 'user', content: [{ type: 'text', text }] }));

  const result: IrRequest = { model: request.model, system: [], messages, stream: request.stream ?? false, source: 'openai-chat' };
  if (request.max_tokens != null) result.maxOutputTokens = request.max_tokens;
  if (request.temperature != null) result.temperature = request.temperature;
  if (request.top_p != null) result.topP = request.top_p;
  if (request.stop != null) result.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.n != null) result.candidateCount = request.n;
  if (request.seed != null) result.seed = request.seed;
  if (request.presence_penalty != null) result.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) result.frequencyPenalty = request.frequency_penalty;
  if (request.user != null) result.envelope = { user: request.user };
  const kept: Record<string, unknown> = {};
  if (request.stream_options != null) kept.stream_options = request.stream_options;
  if (request.logit_bias != null) kept.logit_bias = request.logit_bias;
  if (Object.keys(kept).length > 0) result.extras = { 'openai-chat': kept };
  return result;
}

export function encodeCompletionsResponse(response: IrResponse, context: EncodeContext): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: `cmpl-${context.requestId}`,
    object: 'text_completion',
    created: context.created,
    model: context.model,
    choices: response.candidates.map((candidate) => ({
      text: candidate.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
      index: candidate.index,
      logprobs: null,
      finish_reason: encodeFinishReason(candidate.finishReason, false),
    })),
  };
  if (response.usage !== undefined) body.usage = encodeUsage(response.usage);
  return body;
}

export function createCompletionsStreamEncoder(context: EncodeContext): StreamEncoder {
  const id = `cmpl-${context.requestId}`;
  const includeUsage = includeUsageRequested(context.request);
  const finished = new Map<number, boolean>();
  let usage: Usage | undefined;
  let closed = false;

  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): SseEvent => ({
    data: JSON.stringify({ id, object: 'text_completion', created: context.created, model: context.model, choices, ...extra }),
  });
  const choice = (index: number, text: string, finishReason: string | null) => chunk([{ text, index, logprobs: null, finish_reason: finishReason }]);

  return {
    push(part: StreamPart): SseEvent[] {
      if (closed) return [];
      const index = 'candidate' in part && part.candidate !== undefined ? part.candidate : 0;
      switch (part.type) {
        case 'text-delta':
          if (part.delta === '') return [];
          if (!finished.has(index)) finished.set(index, false);
          return [choice(index, part.delta, null)];
        case 'usage':
          usage = part.usage;
          return [];
        case 'finish':
          if (part.usage) usage = part.usage;
          if (finished.get(index) === true) return [];
          finished.set(index, true);
          return [choice(index, '', encodeFinishReason(part.finishReason, false))];
        case 'error':
          closed = true;
          return encodeStreamError(errorFromPart(part));
        default:
          // Reasoning and tool calls have no place in a text completion.
          return [];
      }
    },
    flush(): SseEvent[] {
      if (closed) return [];
      closed = true;
      const out: SseEvent[] = [];
      if (finished.size === 0) finished.set(0, false);
      for (const [index, done] of finished) if (!done) out.push(choice(index, '', 'stop'));
      if (includeUsage && usage) out.push(chunk([], { usage: encodeUsage(usage) }));
      out.push({ data: '[DONE]' });
      return out;
    },
  };
}
