import type { CooldownStore } from '../credentials/cooldown.js';
import type { Binding } from '../credentials/selector.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { Clock } from '../shared/clock.js';
import { ProxyError } from '../shared/errors.js';
import type { ExecuteRequest } from './execute.js';

/**
 * `quota-exceeded.switch-preview-model`: when every credential of the model is cooling on quota and their
 * providers name a preview model for it, the request is retried once there (with a warning for the client).
 */
export function previewFallback(
  request: ExecuteRequest,
  error: unknown,
  deps: { cooldowns: CooldownStore; providers: ReadonlyMap<string, ProviderDefinition>; clock: Clock },
): { request: ExecuteRequest; warning: string } | undefined {
  if (request.operation !== 'generate' || request.bindings.length === 0 || request.signal.cancelled) return undefined;
  if (!(error instanceof ProxyError) || error.status !== 429) return undefined;
  const now = deps.clock.now();
  const bindings: Binding[] = [];
  for (const binding of request.bindings) {
    if (deps.cooldowns.entryFor(binding.credential.id, binding.upstreamModel, now)?.reason !== 'quota') return undefined;
    const preview = deps.providers.get(binding.credential.provider)?.previewModel?.(binding.upstreamModel);
    if (preview && preview !== binding.upstreamModel) bindings.push({ credential: binding.credential, upstreamModel: preview });
  }
  if (bindings.length === 0) return undefined;
  const preview = bindings[0].upstreamModel;
  return {
    request: { ...request, routeModel: preview, bindings },
    warning: `${request.routeModel} is out of quota on every account; answered by ${preview} (quota-exceeded.switch-preview-model)`,
  };
}
