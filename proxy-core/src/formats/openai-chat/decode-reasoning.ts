/**
 * Chat thinking controls → `ReasoningConfig`.
 *  - effort: `reasoning_effort` (incl. `none`, and `auto` as CLIProxyAPI clients send it), else OpenRouter's
 *    `reasoning` object (`effort`, `max_tokens`, `enabled`).
 *  - visibility (inventory §4.7): explicit `extra_body.google.thinking_config.include_thoughts` (also without
 *    the `extra_body` wrapper), `thinking.include_thoughts`, OpenRouter `reasoning.exclude` /
 *    `include_reasoning`; otherwise thoughts are shown whenever thinking is on.
 */
import type { ReasoningConfig, ReasoningLevel } from '../../ir/index.js';
import { invalidRequest } from '../../shared/errors.js';
import { isRecord } from './chat-extras.js';
import type { ChatRequest } from './schema.js';

const LEVELS: readonly ReasoningLevel[] = ['minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

function effortConfig(value: string, param: string): ReasoningConfig {
  const effort = value.trim().toLowerCase();
  if (effort === 'none') return { mode: 'none' };
  if (effort === 'auto') return { mode: 'auto' };
  if ((LEVELS as readonly string[]).includes(effort)) return { mode: 'level', level: effort as ReasoningLevel };
  throw invalidRequest(
    `\`${param}\` is "${value}", which is not a reasoning effort: use one of none, minimal, low, medium, high, xhigh, max or auto.`,
    { param },
  );
}

function path(root: unknown, ...keys: string[]): unknown {
  let value = root;
  for (const key of keys) {
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return value;
}

function explicitIncludeThoughts(request: ChatRequest): boolean | undefined {
  const candidates = [
    path(request, 'extra_body', 'google', 'thinking_config', 'include_thoughts'),
    path(request, 'extra_body', 'google', 'thinking_config', 'includeThoughts'),
    path(request, 'google', 'thinking_config', 'include_thoughts'),
    path(request, 'google', 'thinking_config', 'includeThoughts'),
    path(request, 'thinking', 'include_thoughts'),
  ];
  const explicit = candidates.find((value): value is boolean => typeof value === 'boolean');
  if (explicit !== undefined) return explicit;
  if (typeof request.reasoning?.exclude === 'boolean') return !request.reasoning.exclude;
  const includeReasoning = (request as Record<string, unknown>).include_reasoning;
  return typeof includeReasoning === 'boolean' ? includeReasoning : undefined;
}

function effortFromRequest(request: ChatRequest): ReasoningConfig | undefined {
  if (typeof request.reasoning_effort === 'string' && request.reasoning_effort.trim() !== '') {
    return effortConfig(request.reasoning_effort, 'reasoning_effort');
  }
  const openRouter = request.reasoning;
  if (!openRouter) return undefined;
  if (typeof openRouter.effort === 'string' && openRouter.effort.trim() !== '') return effortConfig(openRouter.effort, 'reasoning.effort');
  if (typeof openRouter.max_tokens === 'number') {
    return openRouter.max_tokens === 0 ? { mode: 'none' } : { mode: 'budget', budgetTokens: openRouter.max_tokens };
  }
  if (openRouter.enabled === false) return { mode: 'none' };
  if (openRouter.enabled === true) return { mode: 'auto' };
  return undefined;
}

export function decodeReasoning(request: ChatRequest): ReasoningConfig | undefined {
  const includeThoughts = explicitIncludeThoughts(request);
  const config = effortFromRequest(request);
  if (config === undefined) {
    // Asking to see thoughts without an effort means "think as the model would, and show it".
    return includeThoughts === true ? { mode: 'auto', includeThoughts: true } : undefined;
  }
  return { ...config, includeThoughts: includeThoughts ?? config.mode !== 'none' };
}
