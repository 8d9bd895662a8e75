import type { FormatEntry } from '../formats/format-registry.js';
import { toolNamesIn } from '../formats/shared/tool-name-rules.js';
import type { IrRequest, IrResponse, StreamPart } from '../ir/index.js';

export interface ToolNameRestorer {
  response(response: IrResponse): IrResponse;
  part(part: StreamPart): StreamPart;
}

const identity: ToolNameRestorer = { response: (response) => response, part: (part) => part };

/**
 * Upstreams that rename tools on the way out (Gemini allows only `[A-Za-z0-9_.:-]{1,64}`) answer with
 * their names; clients must see their own. Maps tool-call names in answers back to the declared ones.
 */
export function createToolNameRestorer(upstream: FormatEntry, request: IrRequest | undefined): ToolNameRestorer {
  const restore = upstream.restoreToolName;
  const declared = request ? toolNamesIn(request) : [];
  if (!restore || declared.length === 0) return identity;
  const cache = new Map<string, string>();
  const name = (upstreamName: string) => {
    let original = cache.get(upstreamName);
    if (original === undefined) cache.set(upstreamName, (original = restore(upstreamName, declared)));
    return original;
  };
  return {
    response: (response) => ({
      ...response,
      candidates: response.candidates.map((candidate) => ({
        ...candidate,
        content: candidate.content.map((part) => (part.type === 'tool-call' ? { ...part, name: name(part.name) } : part)),
      })),
    }),
    part: (part) => (part.type === 'tool-call' || part.type === 'tool-input-start' ? { ...part, name: name(part.name) } : part),
  };
}
