import type { FormatId, Usage } from '../ir/index.js';
import type { ErrorEncoder } from './error-encoders.js';
import type { ToolNameCodec } from './shared/tool-name-rules.js';
import type { UsageSniffer, WireFormat } from './wire-format.js';

/** What the server needs from a wire format: its codec, its error shape, and a cheap usage reader. */
export interface FormatEntry {
  id: FormatId;
  wire: WireFormat;
  errors: ErrorEncoder;
  createUsageSniffer(): UsageSniffer;
  usageFromBody(body: unknown): Usage | undefined;
  /**
   * For upstream formats that rename tools on the way out (Gemini's name rules, length limits): the
   * client's own name for a tool name the upstream answered with.
   */
  restoreToolName?(upstreamName: string, declaredNames: readonly string[]): string;
  /** Upstream tool-name rules applied to the IR before encoding (the encoder itself does not rename). */
  toolNames?: ToolNameCodec;
  /**
   * The last fixes a same-dialect (passthrough) body needs on its way to an upstream of this format: Gemini's
   * seed quirks. `body` is `raw` parsed; returns `raw` itself when nothing needs fixing.
   */
  passthroughBody?(raw: Buffer, body: Record<string, unknown>): Buffer;
}

export type FormatRegistry = ReadonlyMap<FormatId, FormatEntry>;
