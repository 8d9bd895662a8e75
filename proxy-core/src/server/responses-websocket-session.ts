/**
 * Conversation state of one Responses WebSocket. Over the socket Codex sends follow-up turns
 * incrementally: `response.create` with `previous_response_id` (or `response.append`) and only the new
 * input items. Upstreams are called over HTTP with `store: false`, so nothing upstream remembers the
 * earlier turns: the session keeps the last request's input and the last response's output, and a
 * follow-up becomes a full request (earlier input + earlier output + new input) without
 * `previous_response_id`. A follow-up that names a response this socket did not produce is refused
 * (`previous_response_not_found`), as the reference does, rather than answered out of context.
 * A prewarm (`generate: false`, which Codex sends first to set up the conversation) is answered on the
 * spot with an empty completed response and becomes the turn the next request builds on; no upstream
 * is called for it.
 */
export interface SessionError {
  status: number;
  code: string;
  message: string;
}

export type PreparedTurn =
  | { ok: true; body: Record<string, unknown> }
  /** Answer locally with these events (already recorded as the last turn). */
  | { ok: true; local: Array<Record<string, unknown>> }
  | { ok: false; error: SessionError };

export interface ResponsesSocketSession {
  /** The HTTP body for one socket message (without `type`), or why it cannot be sent. */
  prepare(message: Record<string, unknown>): PreparedTurn;
  /** Record one terminal event's response (`response.completed` / `.incomplete`). */
  completed(response: Record<string, unknown>): void;
  /** The turn failed: keep the state of the last successful one. */
  failed(): void;
}

function inputItems(input: unknown): unknown[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }];
  return Array.isArray(input) ? input : [];
}

function prewarmEvents(id: string, model: unknown, created: number): Array<Record<string, unknown>> {
  const response = { id, object: 'response', created_at: created, model, background: false, error: null, output: [] };
  return [
    { type: 'response.created', sequence_number: 0, response: { ...response, status: 'in_progress' } },
    {
      type: 'response.completed',
      sequence_number: 1,
      response: {
        ...response,
        status: 'completed',
        usage: { input_tokens: 0, input_tokens_details: { cached_tokens: 0 }, output_tokens: 0, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 0 },
      },
    },
  ];
}

/** `newId` names local (prewarm) responses; `now` gives Unix seconds. */
export function createResponsesSocketSession(options: { newId: () => string; now: () => number }): ResponsesSocketSession {
  let last: { id?: string; body: Record<string, unknown>; output: unknown[] } | undefined;
  let pending: Record<string, unknown> | undefined;

  return {
    prepare(message) {
      const { type, previous_response_id: previous, generate, ...body } = message;
      const incremental = type === 'response.append' || (typeof previous === 'string' && previous !== '');
      if (!incremental && generate === false) {
        const id = `resp_prewarm_${options.newId()}`;
        last = { id, body, output: [] };
        pending = undefined;
        return { ok: true, local: prewarmEvents(id, body.model, options.now()) };
      }
      if (!incremental) {
        pending = body;
        return { ok: true, body };
      }
      if (!last || (typeof previous === 'string' && previous !== '' && previous !== last.id)) {
        return {
          ok: false,
          error: {
            status: 409,
            code: 'previous_response_not_found',
            message: 'Previous response is not available on this websocket; resend the full conversation input without previous_response_id.',
          },
        };
      }
      const merged: Record<string, unknown> = { ...body, input: [...inputItems(last.body.input), ...last.output, ...inputItems(body.input)] };
      if (merged.model === undefined) merged.model = last.body.model;
      if (merged.instructions === undefined && last.body.instructions !== undefined) merged.instructions = last.body.instructions;
      if (merged.tools === undefined && last.body.tools !== undefined) merged.tools = last.body.tools;
      pending = merged;
      return { ok: true, body: merged };
    },
    completed(response) {
      if (!pending) return;
      const id = typeof response.id === 'string' ? response.id : undefined;
      last = { id, body: pending, output: Array.isArray(response.output) ? response.output : [] };
      pending = undefined;
    },
    failed() {
      pending = undefined;
    },
  };
}
