import type { FormatEntry } from '../formats/format-registry.js';
import type { IrRequest, ReasoningConfig } from '../ir/index.js';
import type { ThinkingSupport } from '../providers/provider-definition.js';
import { applyReasoningLimits } from './apply-reasoning.js';
import { renameTools } from './rename-tools.js';
import { stripClientArtifacts } from './strip-client-artifacts.js';

export interface TranslatedRequest {
  body: Record<string, unknown>;
  /** The thinking settings after fitting them to the model (for the debug log). */
  reasoning: ReasoningConfig | undefined;
}

/**
 * The cross-format request path after decoding: fit thinking to the target model, drop what only the
 * client's vendor should see, give tools names the upstream accepts, encode in the upstream's format.
 */
export function translateRequest(
  request: IrRequest,
  upstream: FormatEntry,
  options: { model: string; stream: boolean; thinking: ThinkingSupport | null | undefined },
): TranslatedRequest {
  const reasoning = applyReasoningLimits(request.reasoning, options.thinking);
  const stripped = { ...stripClientArtifacts(request, upstream.id), reasoning };
  const named = upstream.toolNames ? renameTools(stripped, upstream.toolNames) : stripped;
  const body = upstream.wire.encodeRequest(named, { model: options.model, stream: options.stream });
  return { body, reasoning };
}
