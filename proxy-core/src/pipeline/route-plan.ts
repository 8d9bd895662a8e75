import type { ModelChain } from '../config/proxy-config.js';
import { ProxyError, UpstreamHttpError, toProxyError } from '../shared/errors.js';
import type { ExecuteResult } from './execute.js';
import type { AppliedMapping, ModelMapper } from './model-mapping.js';
import { nearestModels } from './nearest-models.js';
import type { Route } from './resolve-route.js';

/** What the journey will try for one request: the client's id, the rule that rewrote it, the chain it names. */
export interface RoutePlan {
  requested: string;
  mapping?: AppliedMapping;
  chain?: ModelChain;
  /** Model ids to try in order: the chain's members, or the one (mapped) id. */
  members: readonly string[];
}

/** Mapping first (the user's rule is their intent), then a chain by that name. */
export function planModel(requested: string, clientKey: string, mapper: ModelMapper): RoutePlan {
  const mapping = mapper.map(requested, clientKey);
  const target = mapping?.to ?? requested;
  const chain = mapper.chain(target);
  return { requested, ...(mapping ? { mapping } : {}), ...(chain ? { chain } : {}), members: chain ? chain.models : [target] };
}

/** One line for logs: `claude-haiku-4-5 → gpt-5.4-mini (mapping 1)`, `coder → gpt-5.5 (chain coder, member 2)`. */
export function describePlan(plan: RoutePlan, served: string | undefined): string | undefined {
  if (!plan.mapping && !plan.chain) return undefined;
  const via = [plan.mapping ? `mapping ${plan.mapping.position}` : '', plan.chain && served ? `chain ${plan.chain.name}, member ${plan.members.indexOf(served) + 1}` : plan.chain ? `chain ${plan.chain.name}` : '']
    .filter(Boolean)
    .join(', ');
  return `${plan.requested} → ${served ?? plan.members.join(' | ')} (${via})`;
}

export interface ServeSteps {
  resolve(model: string): Route;
  execute(route: Route): Promise<ExecuteResult>;
  /** Served ids, for "nearest ids" hints when an upstream refuses a passed-through id. */
  servedIds(): readonly string[];
}

export interface Served {
  route: Route;
  result: ExecuteResult;
  member: string;
}

/**
 * Tries the plan's members in order. A chain moves to its next member when one is not served, or when every
 * credential of it failed before the first byte (cooling, out of quota, refused); a request error (the client's
 * fault) or a client abort ends it at once. Why each earlier member was skipped goes into `notes`.
 */
export async function serveMembers(plan: RoutePlan, steps: ServeSteps, notes: string[], onRoute: (route: Route) => void): Promise<Served> {
  for (let index = 0; index < plan.members.length; index++) {
    const member = plan.members[index];
    const last = index === plan.members.length - 1;
    let route: Route;
    try {
      route = steps.resolve(member);
    } catch (raw) {
      const error = toProxyError(raw);
      if (!plan.chain || last || error.scope === 'client-abort') throw explain(plan, member, error, notes);
      notes.push(`${member} skipped: ${error.code === 'model_not_found' ? 'not served' : error.message}`);
      continue;
    }
    onRoute(route);
    try {
      return { route, result: await steps.execute(route), member };
    } catch (raw) {
      const error = toProxyError(raw);
      if (route.passthrough && isRefusal(error)) {
        const refused = withNearest(error, member, steps.servedIds());
        if (!plan.chain || last) throw explain(plan, member, refused, notes);
        notes.push(`${member} skipped: refused by the upstream (HTTP ${error.status})`);
        continue;
      }
      const fallOver = error.code === 'model_cooldown' || error.scope === 'credential' || error.scope === 'upstream';
      if (!plan.chain || last || !fallOver) throw explain(plan, member, error, notes);
      notes.push(`${member} skipped: ${skipReason(error)}`);
    }
  }
  throw new ProxyError(`Chain "${plan.chain?.name}" has no members.`, { status: 404, code: 'model_not_found' });
}

function skipReason(error: ProxyError): string {
  if (error.code === 'model_cooldown') return 'every account is cooling down';
  if (error.status === 429) return 'out of quota (HTTP 429)';
  if (error instanceof UpstreamHttpError) return `refused (HTTP ${error.upstreamStatus})`;
  return `failed (${error.code})`;
}

/** An upstream that does not know a passed-through id: 404, or 400/422 saying the model is unknown. */
function isRefusal(error: ProxyError): error is UpstreamHttpError {
  if (!(error instanceof UpstreamHttpError)) return false;
  if (error.upstreamStatus === 404) return true;
  return (error.upstreamStatus === 400 || error.upstreamStatus === 422) && /model/i.test(error.upstreamMessage) && /not (found|exist|supported|available)|unknown|invalid/i.test(error.upstreamMessage);
}

function withNearest(error: UpstreamHttpError, model: string, served: readonly string[]): ProxyError {
  const nearest = nearestModels(model, served);
  const hint = nearest.length > 0 ? ` Nearest ids we serve: ${nearest.join(', ')} (GET /v1/models lists them all).` : ' GET /v1/models lists the ids we serve.';
  return new ProxyError(`${error.message}${hint}`, { status: error.status === 400 || error.status === 422 ? 404 : error.status, code: 'model_not_found', details: { param: 'model' } });
}

/** The final error, naming the mapping rule or the chain so the user sees where the id came from. */
function explain(plan: RoutePlan, member: string, error: ProxyError, notes: readonly string[]): ProxyError {
  let prefix = '';
  if (plan.mapping) prefix += `Model "${plan.requested}" is mapped to "${plan.mapping.to}" by model-mappings rule ${plan.mapping.position} (from "${plan.mapping.from}"). `;
  if (plan.chain) prefix += `Chain "${plan.chain.name}": ${[...notes, `${member} failed`].join('; ')}. `;
  if (!prefix) return error;
  return rebrand(error, prefix + error.message);
}

function rebrand(error: ProxyError, message: string): ProxyError {
  const options = { status: error.status, code: error.code, scope: error.scope, retryable: error.retryable, retryAfterSeconds: error.retryAfterSeconds, details: error.details, headers: error.headers, cause: error };
  if (error instanceof UpstreamHttpError) {
    return new UpstreamHttpError(message, { ...options, upstreamStatus: error.upstreamStatus, upstreamBody: error.upstreamBody, upstreamHeaders: error.upstreamHeaders, upstreamMessage: error.upstreamMessage });
  }
  return new ProxyError(message, options);
}

