import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel, useNow, usePolling } from '../../app/index.js';
import { Card, EmptyState, Icon, Loading, Notice, PageHeader, Switch } from '../../components/index.js';
import { HiddenModels } from './hidden-models.js';
import { LiveLists } from './live-lists.js';
import { UnservedModels } from './unserved-models.js';
import { ModelTable } from './model-table.js';

export function ModelsPage() {
  const { t } = useTranslation('models');
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
      <PageHeader title={t('title')} description={t('description')} />

      <Card
        title={t('clientView.title')}
        description={
          state.clientView.data
            ? state.clientView.data.keyLabel
              ? t('clientView.withKey', { key: state.clientView.data.keyLabel, count: state.clientView.data.models.length })
              : t('clientView.noKey', { count: state.clientView.data.models.length })
            : t('clientView.loading')
        }
        className="card-compact"
      >
        {state.clientView.error ? <Notice tone="warn" title={t('clientView.error')}>{state.clientView.error.message}</Notice> : null}
        {state.clientView.data && state.clientView.data.models.length > 0 ? (
          <ul className="chip-list" aria-label={t('clientView.list')}>
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
        title={t('served.title')}
        description={t('served.description')}
        actions={
          <label className="search">
            <Icon name="search" size={15} />
            <input className="input input-sm" type="search" placeholder={t('served.filter')} aria-label={t('served.filter')} value={search} onChange={(event) => setSearch(event.target.value)} />
          </label>
        }
      >
        {state.models.error ? <Notice tone="error" title={t('served.error')}>{state.models.error.message}</Notice> : null}
        {models === null && !state.models.error ? (
          <Loading label={t('served.loading')} />
        ) : models && models.length === 0 ? (
          <EmptyState icon="models" title={t('served.none')} action={<a className="button button-primary button-sm" href="#/accounts">{t('served.goAccounts')}</a>}>
            {t('served.noneHint')}
          </EmptyState>
        ) : visible.length === 0 ? (
          <EmptyState icon="search" title={t('served.noMatch')}>{t('served.noMatchHint', { count: models?.length ?? 0 })}</EmptyState>
        ) : (
          <ModelTable models={visible} clientIds={clientIds} credentials={credentials ?? []} busy={state.busy} onHide={(credential, id) => void state.hide(credential, id)} onSwitchOff={(id) => void state.setModelEnabled(id, false)} />
        )}
      </Card>

      {state.hiddenModels.length > 0 ? (
        <Card title={t('switchedOff.title')} description={t('switchedOff.description')}>
          <ul className="hidden-list" aria-label={t('switchedOff.title')}>
            {state.hiddenModels.map((item) => (
              <li key={item.id} className="model-switch" data-hidden-model={item.id}>
                <Switch checked={false} disabled={state.busy[`model|${item.id}`]} label={t('switchedOff.switchOn', { model: item.id })} onChange={() => void state.setModelEnabled(item.id, true)} />
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
