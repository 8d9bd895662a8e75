import type { CooldownEntry } from '../../credentials/cooldown.js';
import type { Credential } from '../../credentials/credential.js';
import { sendJson } from '../respond.js';
import type { Router } from '../router.js';
import type { RuntimeState } from '../runtime.js';
import { credentialPatchSchema, MANAGEMENT_BASE, type CooldownView, type CredentialStateName, type CredentialView } from './contract.js';
import { managed, managementError, readManagementBody } from './respond-management.js';
import type { ManagementServices } from './services.js';

export function cooldownView(entry: CooldownEntry, now: number): CooldownView {
  return {
    model: entry.model,
    until: new Date(entry.until).toISOString(),
    secondsLeft: Math.max(0, Math.ceil((entry.until - now) / 1000)),
    reason: entry.reason,
    status: entry.status ?? null,
    message: entry.message,
  };
}

export function credentialState(credential: Credential, cooling: boolean, supported: boolean): CredentialStateName {
  if (!supported) return 'unsupported';
  if (credential.disabled) return 'disabled';
  return cooling ? 'cooling' : 'active';
}

export function credentialView(services: ManagementServices, state: RuntimeState, credential: Credential): CredentialView {
  const now = services.clock.now();
  const cooldowns = services.runtime.cooldowns.list(now, credential.id).map((entry) => cooldownView(entry, now));
  const source = credential.source.type === 'config'
    ? { type: 'config' as const, yamlKey: credential.source.yamlKey, index: credential.source.index }
    : credential.source.type === 'runtime'
      ? { type: 'runtime' as const, origin: credential.source.origin }
      : { type: 'file' as const, fileName: credential.source.fileName };
  return {
    id: credential.id,
    authIndex: credential.authIndex,
    provider: credential.provider,
    group: credential.group,
    kind: credential.kind,
    label: credential.label,
    priority: credential.priority,
    prefix: credential.prefix ?? null,
    baseUrl: credential.baseUrl ?? null,
    disabled: credential.disabled,
    state: credentialState(credential, cooldowns.length > 0, services.runtime.providers.has(credential.provider)),
    source,
    models: [...state.registry.modelsOf(credential.id)],
    cooldowns,
  };
}

/** Credentials (config keys and account files), their state and cooldowns; enable/disable; clear cooldowns. */
export function registerCredentialRoutes(router: Router, services: ManagementServices): void {
  const base = MANAGEMENT_BASE;
  const find = (id: string) => {
    const credential = services.runtime.current().credentialsById.get(id);
    if (!credential) throw managementError(404, `No credential with id "${id}". List them with GET ${base}/credentials.`);
    return credential;
  };

  router.add('GET', `${base}/credentials`, managed(services, ({ res }) => {
    const state = services.runtime.current();
    sendJson(res, 200, { credentials: state.credentials.map((credential) => credentialView(services, state, credential)) });
  }));

  router.add('GET', `${base}/credentials/:id`, managed(services, ({ res, params }) => {
    sendJson(res, 200, credentialView(services, services.runtime.current(), find(params.id)));
  }));

  router.add('GET', `${base}/credentials/:id/state`, managed(services, ({ res, params }) => {
    const view = credentialView(services, services.runtime.current(), find(params.id));
    sendJson(res, 200, { id: view.id, label: view.label, state: view.state, disabled: view.disabled, cooldowns: view.cooldowns });
  }));

  router.add('DELETE', `${base}/credentials/:id/cooldowns`, managed(services, ({ res, params, url }) => {
    const credential = find(params.id);
    const model = url.searchParams.get('model') ?? undefined;
    const cleared = services.runtime.cooldowns.clear(credential.id, model);
    services.log('info', `cooldown cleared for ${credential.group} ${credential.label}${model ? ` (${model})` : ''}`);
    sendJson(res, 200, { ok: true, cleared });
  }));

  router.add('PATCH', `${base}/credentials/:id`, managed(services, async (context) => {
    const credential = find(context.params.id);
    const { disabled } = await readManagementBody(context, credentialPatchSchema);
    let persisted = true;
    let reason: string | undefined;
    if (credential.source.type === 'file') {
      ({ persisted, reason } = await services.authFiles.setDisabled(credential.source.fileName, disabled));
    } else if (credential.source.type === 'runtime') {
      // A connected AI Studio tab has no file: the switch lasts while the tab stays connected.
      persisted = false;
      reason = 'This AI Studio tab is connected live and has no file to save the switch in; it lasts until the tab disconnects.';
      services.runtime.setDisabledOverride(credential.id, disabled);
    } else if (credential.source.yamlKey === 'generative-language-api-key') {
      // A legacy bare key (a string in a list) has no place for `disabled`: the switch lives until restart.
      persisted = false;
      reason = 'This key is in the legacy generative-language-api-key list, which cannot mark a key disabled; move it under gemini-api-key to keep the switch.';
      services.runtime.setDisabledOverride(credential.id, disabled);
    } else {
      // The entry's position is read inside the write queue: an earlier queued write may have moved it.
      const result = await services.config.update(() => {
        const current = services.runtime.current().credentialsById.get(credential.id)?.source ?? credential.source;
        if (current.type !== 'config') throw managementError(404, `No credential with id "${credential.id}" any more.`);
        const { yamlKey, index, keyIndex } = current;
        const path = keyIndex === undefined ? [yamlKey, index, 'disabled'] : [yamlKey, index, 'api-key-entries', keyIndex, 'disabled'];
        return [{ path, value: disabled ? true : undefined }];
      });
      persisted = result.persisted;
      reason = result.reason;
      services.runtime.setDisabledOverride(credential.id, persisted ? undefined : disabled);
    }
    services.log('info', `${credential.group} ${credential.label} ${disabled ? 'disabled' : 'enabled'}${persisted ? '' : ` (not saved: ${reason ?? 'config is read-only'})`}`);
    const state = services.runtime.current();
    const updated = state.credentialsById.get(credential.id) ?? credential;
    sendJson(context.res, 200, { ok: true, persisted, ...(reason ? { reason } : {}), credential: credentialView(services, state, updated) });
  }));
}
