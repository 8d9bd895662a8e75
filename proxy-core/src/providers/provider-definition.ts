import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { FormatId } from '../ir/index.js';
import type { AccountRecord, QuotaBucket } from '../credentials/account.js';
import type { Failure } from '../credentials/cooldown.js';
import type { Credential } from '../credentials/credential.js';
import type { AccountContext, AuthorizationCodeFlow, DeviceCodeFlow } from '../login/login-types.js';
import type { OAuthHttp } from '../login/oauth-http.js';

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
  /** The API key, or the account's current access token. */
  token: string;
  /** The account behind an OAuth credential (project, account id, plan…). */
  account?: AccountRecord;
  /** The dialect the client speaks (some upstreams shape requests differently for their own clients). */
  clientFormat: FormatId;
  /** 0 for the first try on this credential; 1, 2… when the provider asked to retry it (next base URL). */
  variant: number;
  operation: Operation;
  /** Upstream model name. */
  model: string;
  /** Whether the upstream call streams (may differ from the client: see `upstreamStreams`). */
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
  /** Subscription logins whose accounts are auth-dir files of this provider. */
  accounts?: AccountSupport;
  /** The catalogue for one credential when it depends on the account (Codex plan tiers); default `catalog`. */
  catalogFor?(credential: Credential): readonly ModelInfo[];
  /**
   * Requested model → the model to serve instead when none of this provider's credentials offers the requested
   * one (e.g. a plan without it). Followed in chains; the client is told in an `x-cliproxy-warning` header.
   */
  modelFallbacks?: Readonly<Record<string, string>>;
  /**
   * True when the upstream call must stream even though the client did not ask (the pipeline then
   * aggregates the stream into one answer); false for a streaming client makes a one-piece call whose answer is
   * replayed as a stream (Chat Completions upstreams; `variant` > 0 is a retry). Default: stream exactly when the client does.
   */
  upstreamStreams?(input: { credential: Credential; model: string; clientStream: boolean; clientFormat: FormatId; variant?: number }): boolean;
  /**
   * A 200 answer that is really an error in the vendor's own envelope (iFlow's `{status, msg}`): the status and
   * body to classify instead. Checked on whole bodies, and on a JSON body sent in place of a stream.
   */
  answerError?(body: string): { status: number; body: string } | undefined;
  /**
   * Rewrites a streamed upstream body that is not SSE (Kiro's binary AWS event-stream) into SSE of `format`,
   * as it arrives. Applied to every successful streamed response; error responses are read as text.
   */
  adaptStream?(body: Readable, context: StreamAdaptContext): Readable;
  /** True when the upstream answers 403 (not 401) to a stale token (Kiro): refresh once and retry, as for 401. */
  refreshOnForbidden?: boolean;
  /** Rewrites each upstream payload (a body, or one stream event's data) into the plain wire format. */
  unwrapPayload?(payload: unknown): unknown;
  /**
   * What a vendor-specific error means, when the generic status rules are not enough (quota kinds, reset
   * times in bodies or headers, retry the same credential on another base URL). Undefined = generic rules.
   */
  classifyError?(input: ErrorInput): ErrorClassification | undefined;
  /** Quota facts carried on every response (e.g. Claude's unified rate-limit headers). */
  quotaFromHeaders?(headers: Record<string, string>, now: number): QuotaBucket[] | undefined;
  /** How many variants (`UpstreamCall.variant`) a credential may be tried with in one request. Default 1. */
  variants?(credential: Credential): number;
  /**
   * `quota-exceeded.switch-preview-model`: the model to try once when every credential of `model` is cooling on
   * quota (Gemini CLI's preview models have their own quota). Undefined = no fallback for this model.
   */
  previewModel?(model: string): string | undefined;
  /**
   * The models the upstream says this credential may use, asked with the credential's own auth (a live list;
   * see `pipeline/model-list-refresher.ts`). Throws an Error whose message says what went wrong (no secrets).
   * Undefined = this upstream has no list call; the built-in catalogue is all there is.
   */
  listModels?(input: ModelListInput): Promise<ModelInfo[]>;
  /**
   * Once a credential's live list is known it replaces the catalogue for that credential (iFlow accounts expose
   * different subsets); default false: the live list only adds ids.
   */
  liveListOnly?: boolean;
  /**
   * This provider as one call needs it, when some models or client dialects use another wire format or endpoint
   * (GitHub Copilot's `/responses`-only models): a definition with the same id and accounts. Undefined = itself.
   */
  forCall?(input: { model: string; clientFormat: FormatId }): ProviderDefinition;
}

/** What `adaptStream` knows about the exchange: the upstream model, our request id, the start in Unix seconds. */
export interface StreamAdaptContext {
  model: string;
  requestId: string;
  created: number;
}

/** What a live model-list lookup gets: one credential, its current token, the account behind it, and HTTP. */
export interface ModelListInput {
  credential: Credential;
  /** The API key, or the account's current access token. */
  token: string;
  account?: AccountRecord;
  http: OAuthHttp;
}

export interface ErrorInput {
  credential: Credential;
  model: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  now: number;
  variant: number;
}

export interface ErrorClassification {
  /** The cooldown to apply instead of the generic one; `null` = no cooldown and no failover (request error). */
  failure?: Failure | null;
  /** Try the same credential again with the next variant (e.g. the fallback base URL), after `delayMs`. */
  retrySameCredential?: { delayMs?: number };
  /** Replaces the generic message shown to the client. */
  message?: string;
  /** The HTTP status the client should see, when it differs from the upstream's. */
  status?: number;
}

/**
 * A provider's subscription accounts: the auth file layout (CLIProxyAPI's `type` and field names), how
 * to log in, refresh and read quota. Every URL is a named endpoint the user can override.
 */
export interface AccountSupport {
  /** `type` in CLIProxyAPI auth files (`claude`, `codex`, `gemini`, `antigravity`). */
  fileType: string;
  /** Shown next to the login button, e.g. "Claude Pro / Max". */
  hint: string;
  /** Named endpoints and their defaults; `api` is the upstream base URL. */
  endpoints: Readonly<Record<string, string>>;
  /** Refresh in the background this long before expiry; `null` = only when used near expiry (or on a 401). */
  refreshLeadMs: number | null;
  /** A request refreshes first when the token expires within this (default 60 s). */
  refreshBeforeUseMs?: number;
  /** Reads an auth file; throws an Error whose message says what is wrong with it. */
  parse(data: Record<string, unknown>): AccountRecord;
  /** The auth file for a record; `previous` is the file as it was, whose unknown fields are kept. */
  toFile(record: AccountRecord, previous?: Record<string, unknown>): Record<string, unknown>;
  /** CLIProxyAPI's file name for the account (e.g. `claude-user@example.com.json`). */
  fileName(record: AccountRecord): string;
  /** New tokens from the refresh token; throws an OAuthError (`permanent` when a new login is needed). */
  refresh(context: AccountContext, record: AccountRecord): Promise<AccountRecord>;
  /** Login flows; the first browser/manual-capable and device flows are offered. */
  login: { browser?: AuthorizationCodeFlow; device?: DeviceCodeFlow };
  /** Extra login fields the provider reads from `LoginContext.options`. */
  loginOptions?: ReadonlyArray<'projectId' | 'startUrl' | 'region'>;
  /** The vendor's quota for the account. */
  quota?(context: AccountContext, record: AccountRecord): Promise<QuotaBucket[]>;
  /** Files written by the vendor's own CLI that can be imported (`cliproxyctl import`). */
  importers?: readonly AccountImporter[];
  /** Several credentials per account (Gemini CLI projects): one per returned key; default one. */
  expand?(record: AccountRecord, options: { switchProject: boolean }): Array<{ key: string; label: string; project?: string }>;
}

/** Where an imported file came from, for importers whose vendor splits a login over several files (Kiro IDE). */
export interface ImportSource {
  path: string;
  /** Reads a file next to the imported one (same folder); undefined when it does not exist or is not JSON. */
  readSibling(name: string): Promise<Record<string, unknown> | undefined>;
}

export interface AccountImporter {
  /** e.g. "Claude Code (~/.claude/.credentials.json)". */
  description: string;
  /** Default places this file lives, relative to the home folder. */
  defaultPaths: readonly string[];
  /** A record when `data` is this importer's format (may ask the vendor who the account is); undefined when it is not. */
  read(data: Record<string, unknown>, context: AccountContext, source?: ImportSource): Promise<AccountRecord | undefined>;
}
