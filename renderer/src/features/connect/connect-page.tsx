import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { EmptyState, Loading, Notice, PageHeader } from '../../components/index.js';
import { ClientCard } from './client-card.js';

export function ConnectPage() {
  const { t } = useTranslation('connect');
  const model = useModel();
  const state = useStore(model.connect);
  useEffect(() => {
    // Refreshed every time the page opens: a tool's files may have changed since.
    void model.connect.getState().load();
  }, [model.connect]);
  const showError = (message: string) => model.toasts.getState().show('error', message);
  const files = state.clients.filter((client) => client.kind === 'file');
  const guided = state.clients.filter((client) => client.kind === 'guided');

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description', { url: state.baseUrl || t('thisProxy') })}
      />
      {state.error ? <Notice tone="error" title={t('loadError')}>{state.error}</Notice> : null}
      {state.availability === 'loading' ? <Loading label={t('loading')} /> : null}
      {state.availability === 'unavailable' ? <EmptyState icon="info" title={t('unavailable')}>{t('unavailableHint')}</EmptyState> : null}
      {state.availability === 'available' && state.models.length === 0 ? (
        <Notice tone="warn" title={t('noModels')}>{t('noModelsHint')}</Notice>
      ) : null}
      <div className="connect-grid" aria-label={t('fileTools')}>
        {files.map((client) => (
          <ClientCard key={client.id} client={client} models={state.models} state={state} onError={showError} />
        ))}
      </div>
      {guided.length > 0 ? (
        <>
          <h2 className="section-title">{t('guided')}</h2>
          <p className="small muted">{t('guidedHint')}</p>
          <div className="connect-grid" aria-label={t('guidedTools')}>
            {guided.map((client) => (
              <ClientCard key={client.id} client={client} models={state.models} state={state} onError={showError} />
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}
