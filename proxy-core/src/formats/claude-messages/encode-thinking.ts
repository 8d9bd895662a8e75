/**
 * `IrRequest.reasoning` → Claude `thinking` (+ `output_config.effort`), inventory §4.5:
 *  - none → `{type:"disabled"}`
 *  - auto (or budget -1) → `{type:"adaptive"}` (the pipeline turns auto into a budget for budget-only models)
 *  - level → `{type:"enabled", budget_tokens: LEVEL_TO_BUDGET[level]}`; only a Claude client that sent
 *    adaptive thinking gets `{type:"adaptive"}` + `output_config.effort` back (the codec cannot know which
 *    models are adaptive-capable)
 *  - budget → `{type:"enabled", budget_tokens}`, at least 1024 (Anthropic's minimum) and below `max_tokens`
 *    (reduced to `max_tokens - 1`); when `max_tokens` leaves no room for 1024 thinking tokens, thinking is
 *    left off
 *  - includeThoughts → `display: "summarized" | "omitted"` next to enabled/adaptive thinking
 * A Claude client's own `thinking` object is re-sent verbatim when the IR still means the same thing.
 */
import type { IrRequest, ReasoningConfig, ReasoningLevel } from '../../ir/index.js';
import { LEVEL_TO_BUDGET } from '../../ir/index.js';
import { isRecord, jsonEqual, ownExtras } from './claude-extras.js';
import { decodeThinking } from './decode-thinking.js';
import { outputConfigSchema, thinkingSchema } from './schema.js';

export const MIN_THINKING_BUDGET = 1024;

export interface ThinkingPlan {
  /** The `thinking` object to send, if any. */
  thinking?: Record<string, unknown>;
  /** `output_config.effort`: a value to set, `null` to remove it, `undefined` to leave the client's as it was. */
  effort?: string | null;
  /** Thinking is on (enabled or adaptive): sampling parameters Anthropic rejects next to it must go. */
  enabled: boolean;
  /** The client's own `thinking` object, unchanged. */
  verbatim: boolean;
  /** Why requested thinking could not be sent. */
  dropped?: string;
}

const EFFORT: Record<ReasoningLevel, string> = { minimal: 'low', low: 'low', medium: 'medium', high: 'high', xhigh: 'xhigh', max: 'max' };

function display(reasoning: ReasoningConfig): Record<string, unknown> {
  if (reasoning.includeThoughts === undefined) return {};
  return { display: reasoning.includeThoughts ? 'summarized' : 'omitted' };
}

/** The reasoning the client's raw `thinking`/`output_config` decode to (undefined when they no longer parse). */
function rawReasoning(thinking: unknown, outputConfig: unknown): ReasoningConfig | undefined | 'invalid' {
  const parsedThinking = thinkingSchema.safeParse(thinking);
  const parsedOutput = outputConfigSchema.nullish().safeParse(outputConfig);
  if (!parsedThinking.success || !parsedOutput.success) return 'invalid';
  try {
    return decodeThinking(parsedThinking.data, parsedOutput.data);
  } catch {
    return 'invalid';
  }
}

function budgetPlan(budget: number, reasoning: ReasoningConfig, maxTokens: number): ThinkingPlan {
  let tokens = Math.max(budget, MIN_THINKING_BUDGET);
  if (tokens >= maxTokens) tokens = maxTokens - 1;
  if (tokens < MIN_THINKING_BUDGET) {
    return { effort: null, enabled: false, verbatim: false, dropped: `max_tokens ${maxTokens} leaves no room for the minimum thinking budget of ${MIN_THINKING_BUDGET} tokens` };
  }
  return { thinking: { type: 'enabled', budget_tokens: tokens, ...display(reasoning) }, effort: null, enabled: true, verbatim: false };
}

export function planThinking(request: IrRequest, maxTokens: number): ThinkingPlan {
  const own = ownExtras(request.extras);
  const raw = request.source === 'claude-messages' && isRecord(own.thinking) ? own.thinking : undefined;
  const reasoning = request.reasoning;
  if (raw && jsonEqual(rawReasoning(raw, own.output_config), reasoning)) {
    return { thinking: raw, enabled: raw.type !== 'disabled', verbatim: true };
  }
  // Nothing asked (or the pipeline removed thinking for a model without it): also drop the client's effort.
  if (!reasoning) return { effort: raw ? null : undefined, enabled: false, verbatim: false };
  const adaptive = { thinking: { type: 'adaptive', ...display(reasoning) }, enabled: true, verbatim: false };
  switch (reasoning.mode) {
    case 'none':
      return { thinking: { type: 'disabled' }, effort: null, enabled: false, verbatim: false };
    case 'auto':
      return { ...adaptive, effort: null };
    case 'level':
      if (raw && (raw.type === 'adaptive' || raw.type === 'auto')) return { ...adaptive, effort: EFFORT[reasoning.level] };
      return budgetPlan(LEVEL_TO_BUDGET[reasoning.level], reasoning, maxTokens);
    case 'budget':
      if (reasoning.budgetTokens === 0) return { thinking: { type: 'disabled' }, effort: null, enabled: false, verbatim: false };
      if (reasoning.budgetTokens < 0) return { ...adaptive, effort: null };
      return budgetPlan(reasoning.budgetTokens, reasoning, maxTokens);
  }
}
