import type { ReasoningConfig } from '../ir/index.js';
import type { Binding } from '../credentials/selector.js';
import { ProxyError } from '../shared/errors.js';
import type { ModelRegistry } from './model-registry.js';
import type { FamilyResolver } from './family-passthrough.js';
import { parseModelSuffix } from './thinking-suffix.js';

export interface Route {
  /** The model id as registered (suffix stripped). Rotation and cooldowns key on it. */
  model: string;
  bindings: readonly Binding[];
  /** Thinking requested by a `model(value)` suffix; it overrides the body. */
  reasoning?: ReasoningConfig;
  suffix?: string;
  /** Set when another model serves the request (a provider's `modelFallbacks`): tell the client. */
  warning?: string;
  /** No account lists the id: it goes to its family's credentials without a `models:` list, as asked. */
  passthrough?: boolean;
}

export interface ResolveOptions {
  /** Family pass-through (`model-passthrough`); absent = off. */
  passthrough?: FamilyResolver;
}

const HOW_TO_LIST = 'List the models this key can use with GET /v1/models (or the Models page in the app).';

/** Model name → the credentials that serve it, or a 404/503 that tells the user what to do. */
export function resolveRoute(registry: ModelRegistry, requested: string, credentialCount: number, options: ResolveOptions = {}): Route {
  const direct = registry.bindings(requested);
  if (direct?.length) return { model: requested, bindings: direct };
  const parsed = parseModelSuffix(requested);
  if (parsed.suffix !== undefined) {
    const bindings = registry.bindings(parsed.base);
    if (bindings?.length) {
      if (!parsed.reasoning) throw invalidSuffix(parsed.suffix, requested);
      return { model: parsed.base, bindings, reasoning: parsed.reasoning, suffix: parsed.suffix };
    }
  }
  const fallback = followFallbacks(registry, parsed.suffix !== undefined ? parsed.base : requested);
  if (fallback) {
    if (parsed.suffix !== undefined && !parsed.reasoning) throw invalidSuffix(parsed.suffix, requested);
    const via = fallback.via.length > 0 ? ` (via ${fallback.via.join(', ')})` : '';
    const warning = `model ${fallback.requested} is not offered by any account; served by ${fallback.model} instead${via}`;
    return { model: fallback.model, bindings: fallback.bindings, warning, ...(parsed.reasoning ? { reasoning: parsed.reasoning, suffix: parsed.suffix } : {}) };
  }
  const family = options.passthrough?.(parsed.base);
  if (family?.length) {
    if (parsed.suffix !== undefined && !parsed.reasoning) throw invalidSuffix(parsed.suffix, requested);
    return { model: parsed.base, bindings: family, passthrough: true, ...(parsed.reasoning ? { reasoning: parsed.reasoning, suffix: parsed.suffix } : {}) };
  }
  const disabled = registry.disabledBindings(requested) ?? registry.disabledBindings(parsed.base);
  if (disabled?.length) {
    const labels = [...new Set(disabled.map((binding) => `${binding.credential.group} ${binding.credential.label}`))].join(', ');
    throw new ProxyError(`Model "${requested}" is only served by disabled accounts (${labels}). Enable one of them, or pick another model. ${HOW_TO_LIST}`, {
      status: 404,
      code: 'model_not_found',
      details: { param: 'model' },
    });
  }
  if (credentialCount === 0) {
    throw new ProxyError(
      'No accounts or API keys are configured yet. Log in with a subscription in the app (or `cliproxyctl login --provider <name>`), or add a key under gemini-api-key, claude-api-key, codex-api-key or openai-compatibility in config.yaml.',
      { status: 503, code: 'no_credentials' },
    );
  }
  throw new ProxyError(`Model "${requested}" is not served by any enabled account. ${HOW_TO_LIST}`, {
    status: 404,
    code: 'model_not_found',
    details: { param: 'model' },
  });
}

function invalidSuffix(suffix: string, requested: string): ProxyError {
  return new ProxyError(
    `The thinking suffix "(${suffix})" in model "${requested}" is not valid: use a level (minimal, low, medium, high, xhigh, max), none, auto, or a token budget such as (8192).`,
    { status: 400, code: 'invalid_request', details: { param: 'model' } },
  );
}

/**
 * A model nobody serves → the first model down the providers' fallback chain that the declaring provider's
 * credentials do serve (only those: a fallback never moves the request to another vendor). Cycles end the walk.
 */
function followFallbacks(registry: ModelRegistry, requested: string): { requested: string; model: string; bindings: readonly Binding[]; via: string[] } | undefined {
  const seen = new Set([requested]);
  const via: string[] = [];
  let current = requested;
  for (;;) {
    const next = registry.fallbackFor?.(current);
    if (!next || seen.has(next.model)) return undefined;
    seen.add(next.model);
    const bindings = (registry.bindings(next.model) ?? []).filter((binding) => binding.credential.provider === next.provider);
    if (bindings.length > 0) return { requested, model: next.model, bindings, via };
    via.push(next.model);
    current = next.model;
  }
}
