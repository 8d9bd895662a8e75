/**
 * Claude thinking controls → `ReasoningConfig` (inventory §4.3, §4.7):
 *  - `{type:"disabled"}` → none
 *  - `{type:"enabled", budget_tokens:N}` → budget N (0 → none, -1 → auto); without a budget → auto
 *  - `{type:"adaptive"}` (Claude Code; also `auto` and `between_tools`) → the level in `output_config.effort`
 *    when present, else auto
 *  - `display: "summarized" | "omitted"` → includeThoughts true / false; with thinking on and no `display`,
 *    thoughts are shown (Claude's default)
 * `output_config.effort` without a `thinking` object is not reasoning (it is kept raw, as the reference does).
 * Unknown `thinking.type` values are ignored (kept raw) rather than rejected.
 * Also here: the structured-output control (`output_config.format`), which lives in the same object.
 */
import type { ReasoningConfig, ReasoningLevel, ResponseFormat } from '../../ir/index.js';
import { invalidAt, type MessagesRequest } from './schema.js';

const LEVELS: readonly string[] = ['minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

function effortConfig(effort: string): ReasoningConfig {
  const value = effort.trim().toLowerCase();
  if (value === 'none') return { mode: 'none' };
  if (value === 'auto') return { mode: 'auto' };
  if (LEVELS.includes(value)) return { mode: 'level', level: value as ReasoningLevel };
  return invalidAt(['output_config', 'effort'], `is "${effort}", which is not an effort level: use low, medium, high, xhigh or max.`);
}

export function decodeThinking(thinking: MessagesRequest['thinking'], outputConfig: MessagesRequest['output_config']): ReasoningConfig | undefined {
  if (!thinking) return undefined;
  let config: ReasoningConfig;
  switch (thinking.type) {
    case 'disabled':
      return { mode: 'none' };
    case 'enabled': {
      const budget = thinking.budget_tokens;
      if (budget === null || budget === undefined || budget === -1) config = { mode: 'auto' };
      else if (budget === 0) return { mode: 'none' };
      else if (budget < 0) return invalidAt(['thinking', 'budget_tokens'], 'must be a positive number of tokens.');
      else config = { mode: 'budget', budgetTokens: budget };
      break;
    }
    case 'adaptive':
    case 'auto':
    case 'between_tools':
      config = typeof outputConfig?.effort === 'string' && outputConfig.effort !== '' ? effortConfig(outputConfig.effort) : { mode: 'auto' };
      if (config.mode === 'none') return config;
      break;
    default:
      return undefined;
  }
  return { ...config, includeThoughts: thinking.display !== 'omitted' };
}

/** `output_config.format` (or the beta `output_format`) `{type:"json_schema", schema}` → a JSON response format. */
export function decodeResponseFormat(outputConfig: MessagesRequest['output_config'], outputFormat: MessagesRequest['output_format']): ResponseFormat | undefined {
  const format = outputConfig?.format ?? outputFormat;
  if (!format || format.type !== 'json_schema') return undefined;
  return format.schema ? { type: 'json', schema: format.schema } : { type: 'json' };
}
