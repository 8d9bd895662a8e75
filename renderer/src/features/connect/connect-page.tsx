import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useModel } from '../../app/index.js';
import { EmptyState, Loading, Notice, PageHeader } from '../../components/index.js';
import { ClientCard } from './client-card.js';

export function ConnectPage() {
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
        title="Connect your tools"
        description={`Point your coding tools at ${state.baseUrl || 'this proxy'}. Only our settings are changed in each tool's own files — comments and everything else stay — with a diff first, a backup, and Revert.`}
      />
      {state.error ? <Notice tone="error" title="Could not load the tools">{state.error}</Notice> : null}
      {state.availability === 'loading' ? <Loading label="Looking for your tools…" /> : null}
      {state.availability === 'unavailable' ? <EmptyState icon="info" title="Not available">This proxy is older than client setup. Update it, or use cliproxyctl setup on its machine.</EmptyState> : null}
      {state.availability === 'available' && state.models.length === 0 ? (
        <Notice tone="warn" title="No models are served yet">Tools can be pointed at the proxy now; to choose their default model, add an account first.</Notice>
      ) : null}
      <div className="connect-grid" aria-label="Tools with settings files">
        {files.map((client) => (
          <ClientCard key={client.id} client={client} models={state.models} state={state} onError={showError} />
        ))}
      </div>
      {guided.length > 0 ? (
        <>
          <h2 className="section-title">Editor extensions and apps</h2>
          <p className="small muted">These keep their settings in their own storage: copy the values into their settings.</p>
          <div className="connect-grid" aria-label="Tools set up by hand">
            {guided.map((client) => (
              <ClientCard key={client.id} client={client} models={state.models} state={state} onError={showError} />
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}
