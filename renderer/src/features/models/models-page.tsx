import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useModel, useNow, usePolling } from '../../app/index.js';
import { Card, EmptyState, Icon, Loading, Notice, PageHeader, Switch } from '../../components/index.js';
import { HiddenModels } from './hidden-models.js';
import { LiveLists } from './live-lists.js';
import { UnservedModels } from './unserved-models.js';
import { ModelTable } from './model-table.js';

export function ModelsPage() {
  const model = useModel();
  const state = useStore(model.models);
  const credentials = useStore(model.credentials, (current) => current.credentials.data);
  const [search, setSearch] = useState('');
  const now = useNow(model.clock.now, 10_000);
  useEffect(() => {
    void model.models.getState().loadPage();
  }, [model.models]);
  usePolling(() => model.models.getState().refresh());

  const models = state.models.data;
  const clientIds = state.clientView.data ? new Set(state.clientView.data.models.map((item) => item.id)) : null;
  const needle = search.trim().toLowerCase();
  const visible = (models ?? []).filter((item) => !needle || item.id.toLowerCase().includes(needle) || item.credentials.some((binding) => binding.label.toLowerCase().includes(needle)));

  return (
    <>
      <PageHeader title="Models" description="What your tools see at /v1/models, which accounts serve each model, and who serves the next request." />

      <Card
        title="Client view"
        description={
          state.clientView.data
            ? state.clientView.data.keyLabel
              ? `GET /v1/models with client key ${state.clientView.data.keyLabel} lists ${state.clientView.data.models.length} model${state.clientView.data.models.length === 1 ? '' : 's'}.`
              : `GET /v1/models (no client keys set) lists ${state.clientView.data.models.length} model${state.clientView.data.models.length === 1 ? '' : 's'}.`
            : 'Loading what a client sees…'
        }
        className="card-compact"
      >
        {state.clientView.error ? <Notice tone="warn" title="Could not read /v1/models as a client">{state.clientView.error.message}</Notice> : null}
        {state.clientView.data && state.clientView.data.models.length > 0 ? (
          <ul className="chip-list" aria-label="Models at /v1/models">
            {state.clientView.data.models.map((item) => (
              <li key={item.id} className="chip mono">
                {item.id}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>

      <UnservedModels
        rows={state.unserved.data}
        error={state.unserved.error?.message ?? null}
        served={(models ?? []).map((item) => item.id)}
        now={now}
        busy={state.busy}
        onMap={(from, to) => void state.mapModel(from, to)}
      />

      <Card
        title="Models and the accounts serving them"
        description="Switch a model off everywhere under its name, or for one key beside that key (it is added to the key's excluded-models). “Next” marks the account the next request tries first."
        actions={
          <label className="search">
            <Icon name="search" size={15} />
            <input className="input input-sm" type="search" placeholder="Filter models" aria-label="Filter models" value={search} onChange={(event) => setSearch(event.target.value)} />
          </label>
        }
      >
        {state.models.error ? <Notice tone="error" title="Could not load models">{state.models.error.message}</Notice> : null}
        {models === null && !state.models.error ? (
          <Loading label="Loading models…" />
        ) : models && models.length === 0 ? (
          <EmptyState icon="models" title="No models are served" action={<a className="button button-primary button-sm" href="#/accounts">Go to Accounts</a>}>
            Models appear when an enabled account serves them. Add an API key, or turn an account back on.
          </EmptyState>
        ) : visible.length === 0 ? (
          <EmptyState icon="search" title="No model matches">Clear the filter to see all {models?.length ?? 0} models.</EmptyState>
        ) : (
          <ModelTable models={visible} clientIds={clientIds} credentials={credentials ?? []} busy={state.busy} onHide={(credential, id) => void state.hide(credential, id)} onSwitchOff={(id) => void state.setModelEnabled(id, false)} />
        )}
      </Card>

      {state.hiddenModels.length > 0 ? (
        <Card title="Switched-off models" description="Switched off for every account (excluded-models and oauth-excluded-models in config.yaml). Switch one on to serve it again.">
          <ul className="hidden-list" aria-label="Switched-off models">
            {state.hiddenModels.map((item) => (
              <li key={item.id} className="model-switch" data-hidden-model={item.id}>
                <Switch checked={false} disabled={state.busy[`model|${item.id}`]} label={`Switch ${item.id} on`} onChange={() => void state.setModelEnabled(item.id, true)} />
                <span className="mono">{item.id}</span>
                <span className="small muted">{item.groups.join(', ')}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <LiveLists lists={state.modelLists.data} error={state.modelLists.error?.message ?? null} now={now} busy={state.busy} onRefresh={(credentialId) => void state.refreshLiveLists(credentialId)} />

      <HiddenModels lists={state.providerLists.data} error={state.providerLists.error?.message ?? null} busy={state.busy} onUnhide={(list, index, pattern) => void state.unhide(list, index, pattern)} />
    </>
  );
}
