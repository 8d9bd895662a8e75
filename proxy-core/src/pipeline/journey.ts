import type { IncomingHttpHeaders } from 'node:http';
import type { ProxyConfig } from '../config/proxy-config.js';
import type { Binding } from '../credentials/selector.js';
import type { FormatEntry, FormatRegistry } from '../formats/format-registry.js';
import type { EncodeContext } from '../formats/wire-format.js';
import type { FormatId, Usage } from '../ir/index.js';
import type { Operation } from '../providers/provider-definition.js';
import type { Cancellation } from '../shared/cancellation.js';
import type { Clock } from '../shared/clock.js';
import type { ProxyError } from '../shared/errors.js';
import type { Executor, ExecuteResult } from './execute.js';
import type { JourneyCapture, JourneyRequestLog } from './journey-capture.js';
import { passableHeaders } from './passable-headers.js';
import type { ModelRegistry } from './model-registry.js';
import type { Credential } from '../credentials/credential.js';
import { conversationKey } from './conversation-key.js';
import { resolveRoute, type Route } from './resolve-route.js';
import { createRoutingTables } from './routing-tables.js';
import { describePlan, planModel, serveMembers, type RoutePlan } from './route-plan.js';
import { createToolNameRestorer, type ToolNameRestorer } from './restore-tool-names.js';
import { applyPayloadRules, PAYLOAD_FROM_PROTOCOL, payloadProtocol } from './payload-rules.js';
import { createBodyBuilder, type BodyBuilder, type Incoming } from './upstream-body.js';
import { resolveUsage, type RequestRecord } from './usage-record.js';
import type { TriedAccount } from '../observability/index.js';

export type { JourneyCapture, JourneyRequestLog } from './journey-capture.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface JourneyDeps {
  executor: Executor;
  formats: FormatRegistry;
  clock: Clock;
  record(record: RequestRecord): void;
  /** `requestId` ties the entry to one request (filterable in the dashboard's log view). */
  log(level: LogLevel, message: string, fields: Record<string, unknown>, requestId?: string): void;
  /** The request log (`request-log`, `error-logs-max-files`); absent or returning no capture = nothing copied. */
  requestLog?: JourneyRequestLog;
}

/** The client surface a request came in on. */
export interface JourneySurface {
  /** The dialect of the route (errors, auth hints, passthrough). */
  format: FormatId;
  operation: Operation;
  /** The client codec: the registry format, or a codec that is not one (legacy `/v1/completions`). */
  client: FormatEntry;
  /** True when `client` is not a registry format: requests always go through the IR. */
  legacyClient: boolean;
}

/** The config-derived state one request is routed with (one snapshot for the whole request). */
export interface JourneyState {
  registry: ModelRegistry;
  credentials: readonly Credential[];
  config: ProxyConfig;
}

export interface JourneyStart {
  requestId: string;
  /** Epoch ms the request arrived. */
  startedAt: number;
  method: string;
  path: string;
  surface: JourneySurface;
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  signal: Cancellation;
  /** One of the proxy's own diagnostics probes: logged at debug level, usage counted under "diagnostics". */
  diagnostic?: boolean;
}

/** The usage "client key" of the proxy's own probes (the stream canary spends real tokens, so it is counted). */
export const DIAGNOSTICS_CLIENT = 'diagnostics';

/** What the HTTP side writes: the executed upstream answer and how to present it. */
export interface Delivery {
  result: ExecuteResult;
  /** Same dialect, no translation: the upstream's bytes go to the client. */
  passthrough: boolean;
  upstream: FormatEntry;
  encodeContext: EncodeContext;
  restorer: ToolNameRestorer;
  /** Response headers (`x-request-id`, warnings). */
  headers: Record<string, string>;
  /** Passthrough answers that name another model than the client asked for get this id instead. */
  renameModel?: string;
}

/** How writing the answer went. */
export interface WriteOutcome {
  usage?: Usage;
  error?: ProxyError;
  firstByteAt?: number;
  outputText?: string;
  clientClosed?: boolean;
}

/** One request's journey: routed and executed by `deliver`, logged and recorded by `finish`. */
export interface JourneyRun {
  /** The client key the request was authenticated with. */
  identify(clientKey: string): void;
  deliver(incoming: Incoming, state: JourneyState): Promise<Delivery>;
  finish(status: number, outcome: WriteOutcome): void;
  /** The request log's capture of this request, when the request log is on. */
  readonly capture: JourneyCapture | undefined;
}

export interface Journey {
  begin(start: JourneyStart): JourneyRun;
}

/** Upstream formats that can return several candidates (`n` / `candidateCount`). */
const CANDIDATE_FORMATS: ReadonlySet<FormatId> = new Set(['openai-chat', 'gemini']);

/**
 * A request's whole journey in one place: route the model, build upstream bodies, run the attempt loop, and
 * afterwards log and record it. The server only adapts HTTP around it (auth, body, writing the answer).
 */
export function createJourney(deps: JourneyDeps): Journey {
  const tables = createRoutingTables();
  return {
    begin(start) {
      const { surface, requestId } = start;
      let clientKey = '';
      let incoming: Incoming | undefined;
      let route: Route | undefined;
      let result: ExecuteResult | undefined;
      let lastTried: Binding | undefined;
      let tried = 0;

      let plan: RoutePlan | undefined;
      const notes: string[] = [];
      const triedAccounts: TriedAccount[] = [];
      const accountName = (binding: Binding) => {
        const { group, label } = binding.credential;
        return label.startsWith(group) ? label : `${group} ${label}`;
      };
      const capture = start.diagnostic ? undefined : deps.requestLog?.begin({
            requestId,
            method: start.method,
            // The query too (Gemini's `alt=sse`), so a replay asks the same; a `key=` in it is masked in the file.
            path: start.query.size > 0 ? `${start.path}?${start.query.toString()}` : start.path,
            startedAt: start.startedAt,
          });

      const deliver = async (request: Incoming, state: JourneyState): Promise<Delivery> => {
        incoming = request;
        capture?.clientRequest(start.headers, request.raw);
        plan = planModel(request.model, clientKey, tables.mapper(state.config));
        const family = tables.family(state.credentials, state.config);
        const session = state.config.sessionAffinity.enabled ? conversationKey(surface.format, start.headers, request.body) : undefined;
        let body: BodyBuilder | undefined;
        const served = await serveMembers(
          plan,
          {
            resolve: (model) => resolveRoute(state.registry, model, state.credentials.length, { passthrough: family }),
            execute: (current) => {
              const builder = createBodyBuilder({
                incoming: request,
                route: current,
                format: surface.format,
                client: surface.client,
                legacyClient: surface.legacyClient,
                formats: deps.formats,
                log: (message, fields) => deps.log('debug', message, fields, requestId),
              });
              body = builder;
              return deps.executor.execute({
                requestId,
                routeModel: current.model,
                bindings: current.bindings,
                operation: surface.operation,
                stream: request.stream,
                clientFormat: surface.format,
                buildBody: (binding, provider, upstreamStream) =>
                  applyPayloadRules(state.config.payload, builder.build(binding, provider, upstreamStream), {
                    model: binding.upstreamModel,
                    requestedModel: request.model,
                    protocol: payloadProtocol(provider),
                    fromProtocol: PAYLOAD_FROM_PROTOCOL[surface.format],
                    headers: start.headers,
                  }),
                clientHeaders: start.headers,
                clientQuery: start.query,
                signal: start.signal,
                ...(session ? { session } : {}),
                ...(capture ? { capture } : {}),
                onAttempt: (binding) => {
                  lastTried = binding;
                  tried++;
                },
                onAttemptResult: (binding, error) => {
                  triedAccounts.push({
                    account: accountName(binding),
                    credentialId: binding.credential.id,
                    outcome: error ? 'failed' : 'served',
                    ...(error ? { status: error.status, reason: error.message } : {}),
                  });
                },
                onSkipped: (binding, until) => {
                  triedAccounts.push({ account: accountName(binding), credentialId: binding.credential.id, outcome: 'cooling', reason: `cooling down until ${new Date(until).toISOString()}` });
                },
              });
            },
            servedIds: () => state.registry.list().map((model) => model.id),
          },
          notes,
          (current) => {
            route = current;
          },
        );
        route = served.route;
        result = served.result;
        if (!body) throw new Error('unreachable: a member was executed without a body builder');
        // passthrough-headers: the upstream's own response headers go to the client too (filtered; ours win).
        const headers: Record<string, string> = { ...(state.config.passthroughHeaders ? passableHeaders(result.response.headers) : {}), 'x-request-id': requestId };
        const warnings: string[] = [];
        // A provider's model fallback served the request: never silently, the client is told which model answered.
        if (route.warning) warnings.push(route.warning);
        // quota-exceeded.switch-preview-model: a preview model answered because the asked one is out of quota everywhere.
        if (result.warning) warnings.push(result.warning);
        const ir = body.ir;
        // Header values must be plain ASCII: no arrow here.
        if (notes.length > 0 && plan.chain) warnings.push(`chain ${plan.chain.name}: ${notes.join('; ')}; answered by ${served.member}`);
        const candidates = ir?.candidateCount ?? 1;
        if (candidates > 1 && !CANDIDATE_FORMATS.has(result.provider.format)) {
          // Never fan out silently: one candidate comes back, and the client is told why.
          warnings.push(`n=${candidates} is not supported by the ${result.binding.credential.group} upstream; returning one candidate`);
        }
        for (const warning of warnings) deps.log('warn', warning, { model: request.model }, requestId);
        if (warnings.length > 0) headers['x-cliproxy-warning'] = warnings.join('; ');
        const upstream = deps.formats.get(result.provider.format)!;
        const passthrough = !body.needsIr(result.provider);
        // Gemini names the model in the URL and answers with `modelVersion`: nothing to rename there.
        const rename = passthrough && surface.format !== 'gemini' && result.binding.upstreamModel !== request.model;
        return {
          result,
          passthrough,
          ...(rename ? { renameModel: request.model } : {}),
          upstream,
          encodeContext: { model: request.model, requestId, created: Math.floor(start.startedAt / 1000), request: ir },
          restorer: createToolNameRestorer(upstream, ir),
          headers,
        };
      };

      /** The member that answered (or was last tried): the routed model, as the plan named it. */
      const routeTarget = () => (plan && route ? plan.members.find((member) => member === route!.model || member.startsWith(`${route!.model}(`)) : undefined);
      const routeNote = (): string | null => {
        const line = plan ? describePlan(plan, routeTarget()) : undefined;
        if (!line && notes.length === 0) return null;
        return [line, ...notes].filter(Boolean).join('; ');
      };

      const finish = (status: number, outcome: WriteOutcome): void => {
        const end = deps.clock.now();
        const binding = result?.binding ?? lastTried;
        // Upstream calls across every chain member tried.
        const attempts = Math.max(result?.attempts ?? 0, tried);
        const latencyMs = end - start.startedAt;
        const fields = {
          method: start.method,
          path: start.path,
          status,
          latencyMs,
          model: (plan && describePlan(plan, routeTarget())) ?? incoming?.model,
          ...(notes.length > 0 ? { skipped: notes.join('; ') } : {}),
          provider: binding?.credential.provider,
          credential: binding ? `${binding.credential.group} ${binding.credential.label}` : undefined,
          attempts,
          stream: incoming?.stream,
          error: outcome.error?.message,
          code: outcome.error?.code,
        };
        if (start.diagnostic) {
          // A diagnostics probe (the Amp check's 400 for an empty body is its expected answer): not a problem a user has.
          deps.log('debug', `diagnostic probe ${start.method} ${start.path} ${status} ${latencyMs}ms`, { ...fields, diagnostic: true }, requestId);
        } else {
          deps.log(status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info', `${start.method} ${start.path} ${status} ${latencyMs}ms`, fields, requestId);
        }
        if (capture) deps.requestLog!.finish(capture, { status, latencyMs, ...(outcome.error ? { error: outcome.error.message } : {}) });
        if (!incoming || !clientKey) return;
        const usage = status < 400 ? resolveUsage(outcome.usage, incoming.raw.length, outcome.outputText?.length ?? 0) : outcome.usage;
        deps.record({
          time: start.startedAt,
          requestId,
          clientKey: start.diagnostic ? DIAGNOSTICS_CLIENT : clientKey,
          provider: binding?.credential.group ?? '',
          credentialId: binding?.credential.id ?? '',
          credentialLabel: binding?.credential.label ?? '',
          requestedModel: incoming.model,
          upstreamModel: binding?.upstreamModel ?? route?.model ?? incoming.model,
          clientFormat: surface.format,
          upstreamFormat: result?.provider.format ?? '',
          stream: incoming.stream,
          status,
          latencyMs,
          ttfbMs: outcome.firstByteAt !== undefined ? outcome.firstByteAt - start.startedAt : null,
          inputTokens: usage?.inputTokens ?? 0,
          outputTokens: usage?.outputTokens ?? 0,
          cachedTokens: usage?.cachedInputTokens ?? 0,
          reasoningTokens: usage?.reasoningTokens ?? 0,
          totalTokens: usage ? (usage.totalTokens ?? usage.inputTokens + usage.outputTokens) : 0,
          estimated: usage?.estimated ?? false,
          error: outcome.error?.message ?? null,
          errorCode: outcome.error?.code ?? null,
          attempts,
          routeNote: routeNote(),
          ...(triedAccounts.length > 0 ? { tried: triedAccounts } : {}),
        });
      };

      return {
        identify: (key) => {
          clientKey = key;
          if (capture) capture.clientKey = key;
        },
        deliver,
        finish,
        capture,
      };
    },
  };
}
