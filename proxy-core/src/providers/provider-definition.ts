import type { IncomingHttpHeaders } from 'node:http';
import type { FormatId } from '../ir/index.js';
import type { Credential } from '../credentials/credential.js';

/**
 * What thinking controls a model accepts (the reference's ThinkingSupport): token budgets in
 * [min, max], effort levels, or both. `null` = the model cannot think; absent = unknown (user-defined
 * models), passed through without validation.
 */
export interface ThinkingSupport {
  min?: number;
  max?: number;
  /** Budget 0 (thinking off) is accepted. */
  zeroAllowed?: boolean;
  /** Budget -1 / "auto" is accepted. */
  dynamicAllowed?: boolean;
  levels?: readonly ('minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max')[];
}

export interface ModelInfo {
  id: string;
  displayName?: string;
  contextLength?: number;
  maxOutputTokens?: number;
  /** Seconds since epoch the model was published (OpenAI list `created`). */
  created?: number;
  thinking?: ThinkingSupport | null;
}

/** What the pipeline asks an upstream to do. */
export type Operation = 'generate' | 'count-tokens' | 'compact';

export interface UpstreamCall {
  credential: Credential;
  operation: Operation;
  /** Upstream model name. */
  model: string;
  stream: boolean;
  body: Buffer;
  /** The client's headers, for the few a provider forwards (e.g. `anthropic-beta`). */
  clientHeaders: IncomingHttpHeaders;
  /** The client's query string (e.g. Claude Code's `?beta=true`). */
  clientQuery: URLSearchParams;
}

export interface UpstreamHttpRequest {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: Buffer;
}

/**
 * One upstream provider. Adding one = a folder exporting this object + one line in `registry.ts`.
 * Every URL comes from the credential (`base-url`) or the provider default, so tests and gateways can
 * point it anywhere.
 */
export interface ProviderDefinition {
  id: string;
  displayName: string;
  /** The wire format the upstream speaks. */
  format: FormatId;
  /** Default base URL when the credential has none. */
  defaultBaseUrl?: string;
  /** Models served when a credential lists none. */
  catalog: readonly ModelInfo[];
  /** Operations this upstream supports natively (others are answered locally or refused). */
  operations: readonly Operation[];
  buildRequest(call: UpstreamCall): UpstreamHttpRequest;
}
