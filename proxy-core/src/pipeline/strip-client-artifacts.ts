import type { FormatId, IrRequest } from '../ir/index.js';

const CLAUDE_BILLING_HEADER = 'x-anthropic-billing-header:';

/**
 * Removes what only the client's own vendor should see: Claude Code's `x-anthropic-billing-header:`
 * system block (its attribution line) is dropped for every non-Claude upstream, as the reference does.
 */
export function stripClientArtifacts(request: IrRequest, target: FormatId): IrRequest {
  if (target === 'claude-messages' || !request.system.some((part) => part.text.startsWith(CLAUDE_BILLING_HEADER))) return request;
  return { ...request, system: request.system.filter((part) => !part.text.startsWith(CLAUDE_BILLING_HEADER)) };
}
